import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../../shared/api/client';
import { useT } from '../../../shared/i18n/I18nProvider';
import { Dialog } from '../../../shared/ui/Dialog';
import { errorText, refreshAfterWrite, type TicketView } from './api';

/** What this ticket is to the other one; parent/child and duplicate are directed. */
const RELATIONS = ['related', 'parent', 'child', 'duplicate'] as const;
type Relation = (typeof RELATIONS)[number];

export function linkBody(relation: Relation, other: number) {
  const ticket = String(other);
  if (relation === 'parent' || relation === 'child') return { kind: 'parent_child' as const, ticket, role: relation };
  return { kind: relation, ticket };
}

/** Links this ticket to another by number: related, parent of, child of, duplicate of. */
export function LinkDialog({ ticket, onClose }: { ticket: TicketView; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [relation, setRelation] = useState<Relation>('related');
  const [other, setOther] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const n = Number(other.replace(/^#/, ''));
    if (!Number.isInteger(n) || n <= 0) return setError(t('ticket.relations.badNumber'));
    if (n === ticket.number) return setError(t('ticket.relations.self'));
    setBusy(true);
    setError(null);
    try {
      await api.post(`/tickets/${ticket.id}/links`, linkBody(relation, n));
      await refreshAfterWrite(qc, ticket.id);
      onClose();
    } catch (err) {
      setError(errorText(t, err));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('ticket.link.title')} onClose={onClose}>
      <form onSubmit={submit}>
        <label className="field">
          <span>{t('ticket.link.relationLabel')}</span>
          <select value={relation} onChange={(e) => setRelation(e.target.value as Relation)}>
            {RELATIONS.map((r) => (
              <option key={r} value={r}>
                {t(`ticket.link.relation.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('ticket.relations.otherNumber')}</span>
          <input inputMode="numeric" required autoFocus value={other} onChange={(e) => setOther(e.target.value)} />
        </label>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="row dialog-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || !other.trim()}>
            {t('ticket.link.submit')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
