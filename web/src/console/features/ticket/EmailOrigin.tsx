import { useMemo, useState, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'wouter';
import type { TimelineEntry } from '../../../shared/api/types';
import { useFormat } from '../../../shared/i18n/format';
import { useT } from '../../../shared/i18n/I18nProvider';
import { ChannelIcon } from '../../../shared/ui/ChannelIcon';
import { attachmentUrl } from './Attachments';
import { bracketed, mailbox, threadExplanation, type EmailOrigin as Origin } from './email-data';
import { safeEmailHtml } from './email-html';
import { formatFileSize } from '../../../shared/i18n/file-size';
import { useRich } from './useSentence';

/**
 * Where an entry's mail came from: sender, recipients and date, then why Relais filed it here (the threading
 * decision in the reader's language, with the server's own English reason one click away: agents must be able
 * to check what automation did), and a warning for attachments that were too large to keep.
 */
export function EmailOrigin({ entry, origin }: { entry: TimelineEntry; origin: Origin }) {
  const t = useT();
  const fmt = useFormat();
  const rich = useRich();
  const explanation = threadExplanation(origin, entry.reason);
  const intl = useIntl();

  let thread: ReactNode = null;
  if (explanation) {
    const because = explanation.because ? t(explanation.because.id, explanation.because.values) : '';
    const n = explanation.linkedTicket;
    thread = rich(explanation.id, {
      because,
      known: n === null ? 'no' : 'yes',
      ticket: n === null ? '' : <Link href={`/tickets/${n}`}>#{n}</Link>,
    });
  }
  const classification = origin.classification && origin.classification !== 'human' ? origin.classification : null;

  return (
    <div className="email-origin" role="group" aria-label={t('ticket.email.origin')}>
      <p className="email-origin-line">
        <ChannelIcon channel="email" decorative />{' '}
        <span>{t('ticket.email.receivedFrom', { from: origin.from ? mailbox(origin.from) : t('ticket.value.unknownSender') })}</span>
        {origin.to.length > 0 && <span>{` · ${t('ticket.email.to', { addresses: origin.to.join(', ') })}`}</span>}
        {origin.cc.length > 0 && <span>{` · ${t('ticket.email.cc', { addresses: origin.cc.join(', ') })}`}</span>}
        {origin.date && (
          <span>
            {' · '}
            <time dateTime={origin.date}>{t('ticket.email.date', { date: fmt.dateTime(origin.date) })}</time>
          </span>
        )}
        {classification && (
          <>
            {' '}
            <span className="badge email-classification">{t(`ticket.email.classification.${classification}`)}</span>
          </>
        )}
      </p>
      {thread && <p className="email-thread">{thread}</p>}
      <details className="email-decision">
        <summary>{t('ticket.email.details')}</summary>
        <dl>
          {entry.reason && (
            <div>
              <dt>{t('ticket.email.detail.reason')}</dt>
              <dd lang="en">{entry.reason}</dd>
            </div>
          )}
          {origin.classificationReason && (
            <div>
              <dt>{t('ticket.email.detail.classification')}</dt>
              <dd lang="en">{origin.classificationReason}</dd>
            </div>
          )}
          {origin.subject && (
            <div>
              <dt>{t('ticket.email.detail.subject')}</dt>
              <dd>{origin.subject}</dd>
            </div>
          )}
          {origin.messageId && (
            <div>
              <dt>{t('ticket.email.detail.messageId')}</dt>
              <dd className="email-message-id">{bracketed(origin.messageId)}</dd>
            </div>
          )}
          {origin.source && (
            <div>
              <dt>{t('ticket.email.detail.source')}</dt>
              <dd>{t(`ticket.email.source.${origin.source}`)}</dd>
            </div>
          )}
        </dl>
      </details>
      {origin.droppedAttachments.length > 0 && (
        <div className="email-dropped" role="note">
          <span aria-hidden="true">⚠ </span>
          {t('ticket.email.dropped', { count: origin.droppedAttachments.length })}
          <ul>
            {origin.droppedAttachments.map((d, i) => (
              <li key={i}>
                {d.filename ?? t('ticket.attachments.unnamed')} ({formatFileSize(d.size, intl.locale)})
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/**
 * The mail as it was sent, on demand: the whole text (quoted history and signature that the timeline leaves
 * out) and the HTML part. Both stay collapsed so the timeline reads as a conversation.
 */
export function EmailViews({ origin, attachments, ticketNumber }: {
  origin: Origin;
  attachments: TimelineEntry['attachments'];
  ticketNumber: number;
}) {
  const t = useT();
  const [quoted, setQuoted] = useState(false);
  const [html, setHtml] = useState(false);
  const byCid = useMemo(() => {
    const map = new Map<string, string>();
    for (const a of attachments) if (a.content_id) map.set(a.content_id.replace(/^<|>$/g, ''), attachmentUrl(ticketNumber, a.id));
    return map;
  }, [attachments, ticketNumber]);
  const safeHtml = useMemo(
    () => (html && origin.html ? safeEmailHtml(origin.html, (cid) => byCid.get(cid.replace(/^<|>$/g, '')) ?? null) : ''),
    [html, origin.html, byCid],
  );
  if (!origin.fullText && !origin.html) return null;
  return (
    <div className="email-views">
      <div className="row email-toggles">
        {origin.fullText && (
          <button type="button" className="btn btn-ghost btn-small" aria-expanded={quoted} onClick={() => setQuoted((v) => !v)}>
            {quoted ? t('ticket.email.hideQuoted') : t('ticket.email.showQuoted')}
          </button>
        )}
        {origin.html && (
          <button type="button" className="btn btn-ghost btn-small" aria-expanded={html} onClick={() => setHtml((v) => !v)}>
            {html ? t('ticket.email.hideHtml') : t('ticket.email.showHtml')}
          </button>
        )}
      </div>
      {quoted && origin.fullText && (
        <pre className="email-full-text" aria-label={t('ticket.email.fullText')} tabIndex={0}>
          {origin.fullText}
        </pre>
      )}
      {html && (
        <div
          className="email-html entry-body"
          role="region"
          aria-label={t('ticket.email.htmlVersion')}
          dangerouslySetInnerHTML={{ __html: safeHtml }}
        />
      )}
    </div>
  );
}
