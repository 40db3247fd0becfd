import { useState, type FormEvent } from 'react';
import { useT } from '../../../shared/i18n/I18nProvider';
import { Dialog } from '../../../shared/ui/Dialog';
import { errorText, useUpdateTicket, type TicketView } from './api';
import { nextTier } from './properties';

/** Raises the ticket one support tier (N1 → N2 → N3); the reason is required, the next tier needs it. */
export function EscalateDialog({ ticket, onClose }: { ticket: TicketView; onClose: () => void }) {
  const t = useT();
  const update = useUpdateTicket(ticket.id);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const to = nextTier(ticket.tier);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!to || !reason.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await update({ tier: to, reason: reason.trim() });
      onClose();
    } catch (err) {
      setError(errorText(t, err));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('ticket.escalate.title')} onClose={onClose}>
      {to === null ? (
        <>
          <p>{t('ticket.escalate.top')}</p>
          <div className="row dialog-actions">
            <button type="button" className="btn" onClick={onClose}>
              {t('common.close')}
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={submit}>
          <p>{t('ticket.escalate.fromTo', { from: t(`tier.${ticket.tier}`), to: t(`tier.${to}`) })}</p>
          <label className="field">
            <span>{t('ticket.escalate.reason')}</span>
            <textarea rows={3} required autoFocus value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
          </label>
          {error && (
            <p role="alert" className="form-error">
              {error}
            </p>
          )}
          <div className="row dialog-actions">
            <button type="submit" className="btn btn-primary" disabled={busy || !reason.trim()}>
              {t('ticket.escalate.submit')}
            </button>
            <button type="button" className="btn" onClick={onClose}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
