import { useFormat } from '../../../shared/i18n/format';
import { useT } from '../../../shared/i18n/I18nProvider';
import type { TicketSla } from './api';
import './sla.css';

/**
 * A ticket's next SLA deadline for a list: "in 2 h", "overdue by 30 min", or paused, with the breach or the pause
 * said in words (an icon for the eye). Wall-clock time to the deadline, which the server computed in business time.
 */
export function SlaDue({ sla, now }: { sla: TicketSla | null | undefined; now: number }) {
  const t = useT();
  const fmt = useFormat();
  if (!sla) return <span className="muted">{t('sla.queue.none')}</span>;
  const due = sla.due_at ? new Date(sla.due_at).getTime() : null;
  const late = due !== null && due <= now;
  const breached = sla.breached || late;
  const title = sla.due_at ? fmt.dateTime(sla.due_at) : undefined;
  let text: string;
  if (due !== null) text = late ? t('sla.queue.overdueBy', { time: fmt.duration(now - due) }) : t('sla.queue.dueIn', { time: fmt.duration(due - now) });
  else if (sla.paused) text = t('sla.queue.paused');
  else text = breached ? t('sla.flag.breached') : t('sla.queue.noDeadline');
  return (
    <span className={`sla-due${breached ? ' sla-flag-breached' : sla.paused && due === null ? ' sla-due-paused' : ''}`}>
      {breached && <span aria-hidden="true">⛔ </span>}
      {!breached && sla.paused && due === null && <span aria-hidden="true">⏸ </span>}
      {sla.due_at ? <time dateTime={sla.due_at} title={title}>{text}</time> : text}
      {/* Paused with a deadline already crossed, or overdue while another target runs: both facts are said. */}
      {breached && due !== null && !late && <span className="sla-due-note"> · {t('sla.queue.breachedNote')}</span>}
      {sla.paused && due !== null && <span className="sla-due-note"> · {t('sla.queue.pausedNote')}</span>}
      {breached && due === null && sla.paused && <span className="sla-due-note"> · {t('sla.queue.breachedNote')}</span>}
    </span>
  );
}
