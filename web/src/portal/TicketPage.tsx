import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { Link, useSearchParams } from 'wouter';
import { useCurrentUser } from '../shared/auth/session';
import { useCategories } from '../shared/api/lookups';
import type { Ticket, TimelineEntry } from '../shared/api/types';
import { useLocale, useT } from '../shared/i18n/I18nProvider';
import { useFormat } from '../shared/i18n/format';
import { StatusBadge } from '../shared/ui/Badges';
import { changeStatus, errorText, refreshAfterWrite, useTicketByNumber, useTimeline } from './api';
import { usePageHeading } from './hooks';
import { ReplyBox } from './ReplyBox';
import { authorName, Timeline } from './Timeline';

/** One ticket: its facts, the public conversation, a reply box, and resolve / reopen for its requester. */
export function TicketPage({ number }: { number: number }) {
  const t = useT();
  const [params] = useSearchParams();
  const { ticket, notFound, error, isPending, refetch } = useTicketByNumber(number);
  const title = ticket?.subject ?? t('portal.ticket.title', { number: String(number) });
  const heading = usePageHeading(title, Boolean(ticket) || notFound);

  if (notFound || !ticket) {
    return (
      <div className="portal-page">
        <BackLink />
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {isPending ? (
          <p className="muted">{t('common.loading')}</p>
        ) : notFound ? (
          <p role="alert">{t('portal.ticket.notFound')}</p>
        ) : (
          <div role="alert" className="card stack">
            <p className="form-error">{errorText(t, error)}</p>
            <button type="button" className="btn btn-touch" onClick={refetch}>
              {t('common.retry')}
            </button>
          </div>
        )}
      </div>
    );
  }
  return <TicketView ticket={ticket} heading={heading} justCreated={params.get('created') === '1'} />;
}

function BackLink() {
  const t = useT();
  return (
    <p className="back-link">
      <Link href="/">
        <span aria-hidden="true" className="back-arrow">←</span>
        {t('portal.ticket.back')}
      </Link>
    </p>
  );
}

function TicketView({
  ticket,
  heading,
  justCreated,
}: {
  ticket: Ticket;
  heading: RefObject<HTMLHeadingElement | null>;
  justCreated: boolean;
}) {
  const t = useT();
  const me = useCurrentUser();
  const timeline = useTimeline(ticket.id);
  const [announcement, setAnnouncement] = useState('');
  useAnnounceNewReplies(timeline.data, me.id, setAnnouncement);
  const closed = ticket.status === 'closed';

  return (
    <div className="portal-page">
      <BackLink />
      {justCreated && (
        <p className="note note-ok" role="status">
          {t('portal.ticket.created')}
        </p>
      )}
      <header className="ticket-head">
        <p className="ticket-number muted">{t('portal.ticketNumber', { number: String(ticket.number) })}</p>
        <h1 ref={heading} tabIndex={-1}>
          {ticket.subject}
        </h1>
        <StatusBadge status={ticket.status} />
      </header>

      <TicketFacts ticket={ticket} meId={me.id} />
      <StatusPanel ticket={ticket} mine={ticket.requester_id === me.id} announce={setAnnouncement} />

      <section aria-labelledby="conversation-title" className="conversation">
        <h2 id="conversation-title">{t('portal.ticket.conversation')}</h2>
        {timeline.isError ? (
          <div role="alert" className="card stack">
            <p className="form-error">{errorText(t, timeline.error)}</p>
            <button type="button" className="btn btn-touch" onClick={() => void timeline.refetch()}>
              {t('common.retry')}
            </button>
          </div>
        ) : (
          <Timeline ticket={ticket} entries={timeline.data ?? []} meId={me.id} />
        )}
        {timeline.isPending && <p className="muted">{t('common.loading')}</p>}
      </section>

      {!closed && <ReplyBox ticket={ticket} announce={setAnnouncement} />}

      <p role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </p>
    </div>
  );
}

/**
 * Replies that arrive while the page is open (through the realtime refetch) are read out by screen readers;
 * what was there on arrival, and the requester's own replies, are not.
 */
function useAnnounceNewReplies(entries: TimelineEntry[] | undefined, meId: string, announce: (s: string) => void) {
  const t = useT();
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!entries) return;
    if (!seen.current) {
      seen.current = new Set(entries.map((e) => e.id));
      return;
    }
    const fresh = entries.filter((e) => !seen.current!.has(e.id));
    for (const e of fresh) seen.current.add(e.id);
    const reply = fresh.filter((e) => e.kind === 'ticket.replied' && !(e.actor.kind === 'requester' && e.actor.id === meId)).at(-1);
    if (reply) announce(t('portal.ticket.newReply', { name: authorName(t, reply, meId) }));
  }, [entries, meId, announce, t]);
}

function TicketFacts({ ticket, meId }: { ticket: Ticket; meId: string }) {
  const t = useT();
  const fmt = useFormat();
  const { locale } = useLocale();
  const categories = useCategories();
  const category = ticket.category_id ? categories.data?.find((c) => c.id === ticket.category_id) : undefined;
  const equipment = [ticket.equipment.brand, ticket.equipment.model].filter(Boolean).join(' ');
  const when = (iso: string) => (
    <time dateTime={iso} title={fmt.relative(iso)}>
      {fmt.dateTime(iso)}
    </time>
  );
  return (
    <section aria-labelledby="details-title">
      <h2 id="details-title" className="visually-hidden">
        {t('portal.ticket.details')}
      </h2>
      <dl className="ticket-facts">
        <div>
          <dt>{t('portal.ticket.status')}</dt>
          <dd>{t(`status.${ticket.status}`)}</dd>
        </div>
        <div>
          <dt>{t('portal.ticket.createdAt')}</dt>
          <dd>{when(ticket.created_at)}</dd>
        </div>
        <div>
          <dt>{t('portal.ticket.updatedAt')}</dt>
          <dd>
            <time dateTime={ticket.updated_at} title={fmt.dateTime(ticket.updated_at)}>
              {fmt.relative(ticket.updated_at)}
            </time>
          </dd>
        </div>
        {ticket.resolved_at && ticket.status === 'resolved' && (
          <div>
            <dt>{t('portal.ticket.resolvedAt')}</dt>
            <dd>{when(ticket.resolved_at)}</dd>
          </div>
        )}
        {ticket.closed_at && ticket.status === 'closed' && (
          <div>
            <dt>{t('portal.ticket.closedAt')}</dt>
            <dd>{when(ticket.closed_at)}</dd>
          </div>
        )}
        {category && (
          <div>
            <dt>{t('portal.ticket.category')}</dt>
            <dd>{category.full_name[locale]}</dd>
          </div>
        )}
        {equipment && (
          <div>
            <dt>{t('portal.ticket.equipment')}</dt>
            <dd>{equipment}</dd>
          </div>
        )}
        <div>
          <dt>{t('portal.ticket.channel')}</dt>
          <dd>{t(`channel.${ticket.channel}`)}</dd>
        </div>
        {ticket.requester_id !== meId && (
          <div>
            <dt>{t('portal.ticket.requester')}</dt>
            <dd>{ticket.requester.name}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

/**
 * What the requester can do with the status: mark resolved while it is being worked on, reopen once resolved;
 * nothing once closed. One button element whose action follows the status, so focus stays on it after a click.
 * Only the ticket's own requester may do this (colleagues who share an organization's tickets may only reply).
 */
function StatusPanel({ ticket, mine, announce }: { ticket: Ticket; mine: boolean; announce: (s: string) => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const status = ticket.status;
  const next = status === 'closed' ? null : status === 'resolved' ? 'open' : 'resolved';

  async function move(to: 'open' | 'resolved') {
    setBusy(true);
    setError(null);
    try {
      const updated = await changeStatus(ticket.id, to);
      announce(t(to === 'resolved' ? 'portal.ticket.resolvedDone' : 'portal.ticket.reopenedDone'));
      await refreshAfterWrite(qc, updated);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  const note =
    status === 'closed' ? (
      <>
        {t('portal.ticket.closedNote')}{' '}
        <Link href="/new">{t('portal.nav.newTicket')}</Link>
      </>
    ) : status === 'resolved' ? (
      t('portal.ticket.resolvedNote')
    ) : status === 'pending' ? (
      t('portal.ticket.pendingNote')
    ) : null;

  if (!note && !(mine && next)) return null;
  return (
    <div className={`status-panel note note-${status}`}>
      {note && <p>{note}</p>}
      {mine && next && (
        <button type="button" className="btn btn-touch" disabled={busy} onClick={() => void move(next)}>
          {next === 'resolved' ? t('portal.ticket.resolve') : t('portal.ticket.reopen')}
        </button>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </div>
  );
}
