import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { api } from '../../../shared/api/client';
import { useT } from '../../../shared/i18n/I18nProvider';
import { Dialog } from '../../../shared/ui/Dialog';
import { errorText, refreshAfterWrite, type TicketView } from './api';

/**
 * Merges this ticket into another, in two steps: the number, then a confirmation naming the survivor (this
 * ticket is closed and its history joins the survivor's). Opens the survivor afterwards.
 */
export function MergeDialog({ ticket, onClose }: { ticket: TicketView; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const [other, setOther] = useState('');
  const [reason, setReason] = useState('');
  const [target, setTarget] = useState<TicketView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function find(e: FormEvent) {
    e.preventDefault();
    const n = Number(other.replace(/^#/, ''));
    if (!Number.isInteger(n) || n <= 0) return setError(t('ticket.relations.badNumber'));
    if (n === ticket.number) return setError(t('ticket.relations.self'));
    setBusy(true);
    setError(null);
    try {
      setTarget(await api.get<TicketView>(`/tickets/${n}`));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  async function merge() {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ source: TicketView; survivor: TicketView }>(`/tickets/${ticket.id}/merge`, {
        into: target.id,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      await Promise.all([refreshAfterWrite(qc, ticket.id, r.source), refreshAfterWrite(qc, r.survivor.id, r.survivor)]);
      onClose();
      navigate(`/tickets/${r.survivor.number}`);
    } catch (err) {
      setError(errorText(t, err));
      setBusy(false);
    }
  }

  const errorLine = error && (
    <p role="alert" className="form-error">
      {error}
    </p>
  );
  return (
    <Dialog title={t('ticket.merge.title')} onClose={onClose}>
      {target ? (
        <div>
          <p>{t('ticket.merge.confirm', { source: ticket.number, target: target.number, subject: target.subject })}</p>
          <p className="muted">{t('ticket.merge.consequence', { source: ticket.number })}</p>
          {errorLine}
          <div className="row dialog-actions">
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void merge()}>
              {t('ticket.merge.submit')}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => setTarget(null)}>
              {t('ticket.merge.back')}
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={find}>
          <label className="field">
            <span>{t('ticket.merge.into')}</span>
            <input inputMode="numeric" required autoFocus value={other} onChange={(e) => setOther(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('ticket.properties.reason')}</span>
            <textarea rows={2} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
          </label>
          {errorLine}
          <div className="row dialog-actions">
            <button type="submit" className="btn btn-primary" disabled={busy || !other.trim()}>
              {t('ticket.merge.next')}
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
