import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { api } from '../../../shared/api/client';
import type { TicketLink } from '../../../shared/api/types';
import { useT } from '../../../shared/i18n/I18nProvider';
import { StatusBadge } from '../../../shared/ui/Badges';
import { errorText, refreshAfterWrite, useLinks, type TicketView } from './api';
import { LinkDialog } from './LinkDialog';
import { MergeDialog } from './MergeDialog';

/** Linked tickets (with unlink), and the link and merge dialogs. */
export function RelationsPanel({ ticket, readOnly }: { ticket: TicketView; readOnly: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const links = useLinks(ticket.id);
  const [dialog, setDialog] = useState<'link' | 'merge' | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function unlink(link: TicketLink) {
    setError(null);
    try {
      await api.delete(`/tickets/${ticket.id}/links/${link.id}`);
      await refreshAfterWrite(qc, ticket.id);
      await qc.invalidateQueries({ queryKey: ['ticket', link.ticket.id] });
    } catch (e) {
      setError(errorText(t, e));
    }
  }

  return (
    <section className="relations" aria-labelledby="relations-title">
      <h2 id="relations-title">{t('ticket.relations.title')}</h2>
      {links.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : links.isError ? (
        <p role="alert">{errorText(t, links.error)}</p>
      ) : links.data.length === 0 ? (
        <p className="muted">{t('ticket.relations.none')}</p>
      ) : (
        <ul className="link-list">
          {links.data.map((l) => (
            <li key={l.id}>
              <span className="link-role">{t(`ticket.relations.role.${l.role}`)}</span>{' '}
              <Link href={`/tickets/${l.ticket.number}`}>
                #{l.ticket.number} {l.ticket.subject}
              </Link>{' '}
              <StatusBadge status={l.ticket.status} />
              {!readOnly && (
                <button
                  type="button"
                  className="btn btn-ghost btn-small"
                  aria-label={t('ticket.relations.unlink', { number: l.ticket.number })}
                  onClick={() => void unlink(l)}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {!readOnly && (
        <div className="row">
          <button type="button" className="btn btn-small" onClick={() => setDialog('link')}>
            {t('ticket.link.open')}
          </button>
          <button type="button" className="btn btn-small btn-danger" onClick={() => setDialog('merge')}>
            {t('ticket.merge.open')}
          </button>
        </div>
      )}
      {dialog === 'link' && <LinkDialog ticket={ticket} onClose={() => setDialog(null)} />}
      {dialog === 'merge' && <MergeDialog ticket={ticket} onClose={() => setDialog(null)} />}
    </section>
  );
}
