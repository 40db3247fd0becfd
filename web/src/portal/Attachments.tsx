import { useIntl } from 'react-intl';
import type { TimelineAttachment } from '../shared/api/types';
import { useT } from '../shared/i18n/I18nProvider';
import { PaperclipIcon } from '../shared/ui/PaperclipIcon';

/** "512 octets", "12,3 ko", "1,5 Mo" / "512 bytes", "12.3 kB", "1.5 MB" (the console has its own copy). */
export function formatFileSize(bytes: number, locale: string): string {
  const n = Math.max(0, bytes);
  const fmt = (value: number, unit: 'byte' | 'kilobyte' | 'megabyte' | 'gigabyte') =>
    new Intl.NumberFormat(locale, {
      style: 'unit',
      unit,
      unitDisplay: unit === 'byte' ? 'long' : 'short',
      maximumFractionDigits: value < 10 && unit !== 'byte' ? 1 : 0,
    }).format(value);
  if (n < 1024) return fmt(n, 'byte');
  if (n < 1024 ** 2) return fmt(n / 1024, 'kilobyte');
  if (n < 1024 ** 3) return fmt(n / 1024 ** 2, 'megabyte');
  return fmt(n / 1024 ** 3, 'gigabyte');
}

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
