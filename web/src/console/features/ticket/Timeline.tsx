import { Link } from 'wouter';
import type { TimelineEntry } from '../../../shared/api/types';
import { useFormat } from '../../../shared/i18n/format';
import { useT } from '../../../shared/i18n/I18nProvider';
import { Markdown } from '../../../shared/ui/Markdown';
import type { TicketView } from './api';
import { AttachmentList } from './Attachments';
import { Deliveries } from './Deliveries';
import { emailOrigin } from './email-data';
import { EmailOrigin, EmailViews } from './EmailOrigin';
import { actorName, displayReason } from './event-sentence';
import { useSentences } from './useSentence';

/**
 * The ticket's history, oldest first: public replies, internal notes (marked in words, not only in colour)
 * and change events as sentences with their reasons. The ticket's own creation shows its description.
 * Mail shows where it came from and why it landed here; files and the delivery of our own mail follow.
 */
export function Timeline({ ticket, entries }: { ticket: TicketView; entries: readonly TimelineEntry[] }) {
  const t = useT();
  if (entries.length === 0) return <p className="muted">{t('ticket.timeline.empty')}</p>;
  return (
    <ol className="timeline" aria-label={t('ticket.timeline.title')}>
      {entries.map((e) => (
        <TimelineItem key={e.id} entry={e} ticket={ticket} />
      ))}
    </ol>
  );
}

function TimelineItem({ entry, ticket }: { entry: TimelineEntry; ticket: TicketView }) {
  const t = useT();
  const fmt = useFormat();
  const sentences = useSentences();
  const when = (
    <time dateTime={entry.created_at} className="entry-time">
      {fmt.dateTime(entry.created_at)}
    </time>
  );
  const fromMerged =
    entry.ticket_number !== ticket.number ? (
      <span className="entry-origin">
        {t('ticket.timeline.fromMerged')}{' '}
        <Link href={`/tickets/${entry.ticket_number}`}>#{entry.ticket_number}</Link>
      </span>
    ) : null;
  const origin = emailOrigin(entry);
  const mail = origin ? <EmailOrigin entry={entry} origin={origin} /> : null;
  const extras = (
    <>
      {origin && <EmailViews origin={origin} attachments={entry.attachments} ticketNumber={ticket.number} />}
      <AttachmentList ticketNumber={ticket.number} attachments={entry.attachments} />
      <Deliveries deliveries={entry.deliveries} />
    </>
  );
  const isMessage = entry.kind === 'ticket.replied' || entry.kind === 'ticket.noted';
  const isOwnCreation = entry.kind === 'ticket.created' && entry.ticket_id === ticket.id;
  // An escalation carries the handoff note for the next person: shown like an internal note, under its sentence.
  const isHandoff = entry.kind === 'ticket.escalated';

  if (isMessage || isOwnCreation || isHandoff) {
    const internal = entry.visibility === 'internal' || entry.kind === 'ticket.noted' || isHandoff;
    const author = entry.actor.kind;
    const classes = ['entry', internal ? 'entry-internal' : 'entry-public', `entry-from-${author}`].join(' ');
    const body = isOwnCreation ? ticket.description : (entry.body ?? '');
    const sentence = isOwnCreation || isHandoff ? sentences.rich(entry) : null;
    const label = isHandoff
      ? t('routing.handoff.label')
      : internal ? t('ticket.timeline.internalNote') : isOwnCreation ? t('ticket.timeline.description') : t('ticket.timeline.publicReply');
    return (
      <li className={classes} data-entry-id={entry.id}>
        <div className="entry-header">
          <strong>{actorName(entry, t)}</strong>
          <span className={`author-role author-${author}`}>{t(`ticket.author.${author}`)}</span>
          <span className={internal ? 'entry-label entry-label-internal' : 'entry-label'}>{label}</span>
          {when}
          {fromMerged}
        </div>
        {sentence && <p className="entry-sentence">{sentence.text}</p>}
        {sentence && sentence.details.length > 0 && <Details lines={sentence.details} />}
        {mail}
        {body.trim() ? <Markdown source={body} /> : isOwnCreation ? <p className="muted">{t('ticket.timeline.noDescription')}</p> : null}
        {extras}
      </li>
    );
  }

  const sentence = sentences.rich(entry);
  const reason = displayReason(entry, t);
  return (
    <li className={`entry entry-event${entry.visibility === 'internal' ? ' entry-event-internal' : ''}`} data-entry-id={entry.id}>
      <p className="entry-sentence">
        {sentence.text}
        {reason && (
          <>
            {' — '}
            <span className="entry-reason">{t('ticket.event.reason', { reason })}</span>
          </>
        )}{' '}
        {when}
        {fromMerged}
      </p>
      {sentence.details.length > 0 && <Details lines={sentence.details} />}
      {mail}
      {entry.kind === 'ticket.email_received' && entry.body?.trim() && (
        <details className="email-body">
          <summary>{t('ticket.email.showBody')}</summary>
          <Markdown source={entry.body} />
        </details>
      )}
      {extras}
    </li>
  );
}

function Details({ lines }: { lines: readonly string[] }) {
  return (
    <ul className="entry-details">
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}
