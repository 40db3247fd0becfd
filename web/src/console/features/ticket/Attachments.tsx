import { useIntl } from 'react-intl';
import type { TimelineAttachment } from '../../../shared/api/types';
import { useT } from '../../../shared/i18n/I18nProvider';
import { PaperclipIcon } from '../../../shared/ui/PaperclipIcon';
import { formatFileSize } from '../../../shared/i18n/file-size';

/** Where a file is downloaded; the ticket in the URL is the page's (its merged tickets' files are found too). */
export function attachmentUrl(ticketNumber: number, attachmentId: string): string {
  return `/api/v1/tickets/${ticketNumber}/attachments/${encodeURIComponent(attachmentId)}`;
}

/** The files of one entry: name (a download link), type and size. */
export function AttachmentList({ ticketNumber, attachments }: { ticketNumber: number; attachments: readonly TimelineAttachment[] }) {
  const t = useT();
  const intl = useIntl();
  if (attachments.length === 0) return null;
  return (
    <ul className="attachments" aria-label={t('ticket.attachments.title', { count: attachments.length })}>
      {attachments.map((a) => (
        <li key={a.id} className="attachment">
          <PaperclipIcon />
          <a href={attachmentUrl(ticketNumber, a.id)} download={a.filename ?? true}>
            {a.filename ?? t('ticket.attachments.unnamed')}
          </a>
          <span className="attachment-meta">
            {formatFileSize(a.size, intl.locale)}
            {a.inline && a.content_id ? ` · ${t('ticket.attachments.inline')}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
