import { Link } from 'wouter';
import type { Ticket, TicketStatus, TimelineAttachment, TimelineEntry } from '../shared/api/types';
import { useT } from '../shared/i18n/I18nProvider';
import { useFormat } from '../shared/i18n/format';
import { Markdown } from '../shared/ui/Markdown';
import { Attachments } from './Attachments';

type T = ReturnType<typeof useT>;

/** Who wrote an entry, from the requester's side: "You", the agent's name, or the support team. */
export function authorName(t: T, entry: Pick<TimelineEntry, 'actor'>, meId: string): string {
  const { actor } = entry;
  if (actor.kind === 'requester' && actor.id === meId) return t('portal.ticket.you');
  return actor.name ?? t('portal.ticket.supportTeam');
}

/**
 * The public conversation: the ticket's description first (the requester's own words), then replies and the
 * status events. The server gives requesters public entries only; creation is already shown by the description.
 */
export function Timeline({ ticket, entries, meId }: { ticket: Ticket; entries: TimelineEntry[]; meId: string }) {
  const t = useT();
  const descriptionAuthor = ticket.requester_id === meId ? t('portal.ticket.you') : ticket.requester.name;
  // Files sent with the first message (a ticket opened by e-mail) belong with the description.
  const creation = entries.find((e) => e.kind === 'ticket.created' && e.ticket_id === ticket.id);
  return (
    <ol className="timeline portal-timeline">
      <Message
        author={descriptionAuthor}
        mine={ticket.requester_id === meId}
        staff={false}
        at={ticket.created_at}
        body={ticket.description}
        attachments={creation?.attachments ?? []}
        ticketNumber={ticket.number}
      />
      {entries.map((entry) => {
        if (entry.kind === 'ticket.replied') {
          return (
            <Message
              key={entry.id}
              author={authorName(t, entry, meId)}
              mine={entry.actor.kind === 'requester' && entry.actor.id === meId}
              staff={entry.actor.kind === 'agent'}
              at={entry.created_at}
              body={entry.body ?? ''}
              fromTicket={entry.ticket_number !== ticket.number ? entry.ticket_number : undefined}
              attachments={entry.attachments}
              ticketNumber={ticket.number}
            />
          );
        }
        const sentence = eventSentence(t, entry, meId);
        return sentence ? <EventLine key={entry.id} entry={entry} sentence={sentence} /> : null;
      })}
    </ol>
  );
}

function Message(props: {
  author: string;
  mine: boolean;
  staff: boolean;
  at: string;
  body: string;
  fromTicket?: number | undefined;
  attachments: readonly TimelineAttachment[];
  /** The page's ticket: its URL also serves the files of tickets merged into it. */
  ticketNumber: number;
}) {
  const t = useT();
  const fmt = useFormat();
  const kind = props.mine ? 'entry-mine' : props.staff ? 'entry-staff' : 'entry-other';
  return (
    <li className={`entry ${kind}`}>
      <div className="entry-header">
        <strong>{props.author}</strong>
        {props.staff && <span className="badge staff-badge">{t('portal.ticket.supportTeam')}</span>}
        <time dateTime={props.at}>{fmt.dateTime(props.at)}</time>
        {props.fromTicket !== undefined && (
          <span>{t('portal.ticket.fromTicket', { number: String(props.fromTicket) })}</span>
        )}
      </div>
      {props.body.trim() ? (
        <Markdown source={props.body} />
      ) : (
        <p className="entry-body muted">{t('portal.ticket.noDescription')}</p>
      )}
      <Attachments ticketNumber={props.ticketNumber} attachments={props.attachments} />
    </li>
  );
}

function EventLine({ entry, sentence }: { entry: TimelineEntry; sentence: string }) {
  const t = useT();
  const fmt = useFormat();
  const into = entry.kind === 'ticket.merged_into' ? Number(entry.data.into_ticket_number) : NaN;
  return (
    <li className="entry entry-event">
      <span>{sentence}</span>
      {Number.isInteger(into) && (
        <>
          {' · '}
          <Link href={`/tickets/${into}`}>{t('portal.ticket.title', { number: String(into) })}</Link>
        </>
      )}{' '}
      <time dateTime={entry.created_at} className="muted">
        {fmt.dateTime(entry.created_at)}
      </time>
    </li>
  );
}

const isStatus = (v: unknown): v is TicketStatus =>
  typeof v === 'string' && ['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'].includes(v);

/** One sentence for a status or merge event, or null for what a requester has no use for. */
export function eventSentence(t: T, entry: TimelineEntry, meId: string): string | null {
  const self = entry.actor.kind === 'requester' && entry.actor.id === meId ? 'yes' : 'no';
  const actor = authorName(t, entry, meId);
  switch (entry.kind) {
    case 'ticket.status_changed': {
      const to = entry.data.to;
      if (!isStatus(to)) return null;
      if (entry.data.reopened === true) return t('portal.ticket.event.reopened', { self, actor });
      if (entry.actor.kind === 'system' && !entry.actor.name) {
        return t('portal.ticket.event.auto', { status: t(`status.${to}`) });
      }
      if (to === 'resolved') return t('portal.ticket.event.resolved', { self, actor });
      return t('portal.ticket.event.status', { self, actor, status: t(`status.${to}`) });
    }
    case 'ticket.merged': {
      const n = entry.data.source_ticket_number;
      return typeof n === 'number' ? t('portal.ticket.event.merged', { number: String(n) }) : null;
    }
    case 'ticket.merged_into': {
      const n = entry.data.into_ticket_number;
      return typeof n === 'number' ? t('portal.ticket.event.mergedInto', { number: String(n) }) : null;
    }
    default:
      return null;
  }
}
