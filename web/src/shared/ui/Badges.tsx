import type { Priority, TicketStatus } from '../api/types';
import { useT } from '../i18n/I18nProvider';

export function StatusBadge({ status }: { status: TicketStatus }) {
  const t = useT();
  return <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>;
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  const t = useT();
  return (
    <span className={`badge priority-${priority}`} title={t(`priority.${priority}`)}>
      {priority}
    </span>
  );
}
