import { useIntl } from 'react-intl';
import type { TimelineAttachment } from '../shared/api/types';
import { formatFileSize } from '../shared/i18n/file-size';
import { useT } from '../shared/i18n/I18nProvider';
import { PaperclipIcon } from '../shared/ui/PaperclipIcon';

/**
 * The files sent with a message, as download links. The server only lists, and only serves, what a requester may
 * see (files of public messages), so nothing is filtered here.
 */
export function Attachments({ ticketNumber, attachments }: { ticketNumber: number; attachments: readonly TimelineAttachment[] }) {
  const t = useT();
  const intl = useIntl();
  if (attachments.length === 0) return null;
  return (
    <ul className="attachments" aria-label={t('portal.attachments.title', { count: attachments.length })}>
      {attachments.map((a) => (
        <li key={a.id} className="attachment">
          <PaperclipIcon />{' '}
          <a href={`/api/v1/tickets/${ticketNumber}/attachments/${encodeURIComponent(a.id)}`} download={a.filename ?? true}>
            {a.filename ?? t('portal.attachments.unnamed')}
          </a>{' '}
          <span className="muted attachment-size">({formatFileSize(a.size, intl.locale)})</span>
        </li>
      ))}
    </ul>
  );
}
