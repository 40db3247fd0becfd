import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { api } from '../../../shared/api/client';
import { useCurrentUser } from '../../../shared/auth/session';
import { useT } from '../../../shared/i18n/I18nProvider';
import { usePresence } from '../../../shared/realtime/RealtimeProvider';
import { TakenNotice } from '../routing/NextTicket';
import { RoutingPanel, WaitingBanner } from '../routing/RoutingPanel';
import { errorText, ticketKeys, useTicketByNumber, useTimeline, type TicketView } from './api';
import { Composer, type ComposerHandle } from './Composer';
import { EscalateDialog, type EscalateMode } from './EscalateDialog';
import { FollowersPanel } from './FollowersPanel';
import { PresenceBar } from './PresenceBar';
import { PropertiesForm } from './PropertiesForm';
import { RelationsPanel } from './RelationsPanel';
import { RequesterPanel } from './RequesterPanel';
import { ShortcutHelp, useTicketShortcuts } from './shortcuts';
import { SlaPanel } from './SlaPanel';
import { TagsEditor } from './TagsEditor';
import { TicketHeader } from './TicketHeader';
import { Timeline } from './Timeline';
import { TimelineAnnouncer } from './TimelineAnnouncer';
import './ticket.css';

/** `/tickets/:number`: one ticket, its history, the composer, its properties and its requester. */
export function TicketPage({ number }: { number: number }) {
  const t = useT();
  const { ticket, notFound, error } = useTicketByNumber(number);
  if (notFound) {
    return (
      <section className="ticket-missing">
        <h1>{t('ticket.notFound', { number: Number.isFinite(number) ? number : 0 })}</h1>
        <Link href="/queues/mine">{t('ticket.backToQueues')}</Link>
      </section>
    );
  }
  if (!ticket && error) return <p role="alert">{errorText(t, error)}</p>;
  if (!ticket) return <p className="page-loading">{t('common.loading')}</p>;
  return <TicketScreen key={ticket.id} ticket={ticket} />;
}

function TicketScreen({ ticket }: { ticket: TicketView }) {
  const t = useT();
  const me = useCurrentUser();
  const timeline = useTimeline(ticket.id);
  const viewers = usePresence(ticket.id);
  const composer = useRef<ComposerHandle>(null);
  const assignee = useRef<HTMLSelectElement>(null);
  const [escalating, setEscalating] = useState<EscalateMode | null>(null);
  const readOnly = ticket.status === 'closed' || ticket.merged_into_id !== null;

  useTicketShortcuts({
    r: () => composer.current?.focus('reply'),
    n: () => composer.current?.focus('note'),
    a: () => {
      const select = assignee.current;
      if (!select || select.matches(':disabled')) return;
      select.focus();
      try {
        (select as { showPicker?: () => void }).showPicker?.();
      } catch {
        // showPicker needs a user gesture in some browsers; focus alone is enough
      }
    },
    e: () => {
      if (!readOnly && ticket.status !== 'resolved') setEscalating('up');
    },
  });

  useEffect(() => {
    const before = document.title;
    document.title = `#${ticket.number} ${ticket.subject} · ${t('app.name')}`;
    return () => {
      document.title = before;
    };
  }, [ticket.number, ticket.subject, t]);

  return (
    <div className="ticket-page">
      <TicketHeader ticket={ticket} />
      {ticket.merged_into_id ? (
        <MergedBanner survivorId={ticket.merged_into_id} />
      ) : (
        ticket.status === 'closed' && <p className="banner banner-warn">{t('ticket.closedNotice')}</p>
      )}
      <TakenNotice ticket={ticket} />
      <WaitingBanner ticket={ticket} />
      <PresenceBar viewers={viewers} meId={me.id} />
      <ShortcutHelp />
      <div className="ticket-layout">
        <div className="ticket-main">
          <section aria-labelledby="timeline-title">
            <h2 id="timeline-title" tabIndex={-1}>
              {t('ticket.timeline.title')}
            </h2>
            {timeline.isPending ? (
              <p className="muted">{t('common.loading')}</p>
            ) : timeline.isError ? (
              <p role="alert">{errorText(t, timeline.error)}</p>
            ) : (
              <Timeline ticket={ticket} entries={timeline.data} />
            )}
          </section>
          {!readOnly && (
            <section aria-labelledby="composer-title" className="composer-section">
              <h2 id="composer-title" tabIndex={-1}>{t('ticket.composer.title')}</h2>
              <Composer
                ref={composer}
                ticketId={ticket.id}
                entries={timeline.data}
                viewers={viewers}
                meId={me.id}
                onEscape={() => document.getElementById('composer-title')?.focus()}
              />
            </section>
          )}
        </div>
        <aside className="ticket-side stack" aria-label={t('ticket.side')}>
          <PropertiesForm ticket={ticket} readOnly={readOnly} assigneeRef={assignee} onEscalate={setEscalating} />
          <SlaPanel ticket={ticket} />
          <RoutingPanel ticket={ticket} />
          <TagsEditor ticket={ticket} readOnly={readOnly} />
          <RelationsPanel ticket={ticket} readOnly={readOnly} />
          <RequesterPanel ticket={ticket} />
          <FollowersPanel ticket={ticket} readOnly={readOnly} />
        </aside>
      </div>
      <TimelineAnnouncer entries={timeline.data} meId={me.id} />
      {escalating && <EscalateDialog ticket={ticket} mode={escalating} onClose={() => setEscalating(null)} />}
    </div>
  );
}

/** A merged ticket points to the one that carries on. */
function MergedBanner({ survivorId }: { survivorId: string }) {
  const t = useT();
  const survivor = useQuery({
    queryKey: ticketKeys.details(survivorId),
    queryFn: () => api.get<TicketView>(`/tickets/${survivorId}`),
  });
  return (
    <p className="banner banner-warn">
      {t('ticket.mergedNotice')}{' '}
      {survivor.data && <Link href={`/tickets/${survivor.data.number}`}>#{survivor.data.number} {survivor.data.subject}</Link>}
    </p>
  );
}
