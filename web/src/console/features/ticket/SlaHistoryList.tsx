import { useFormat } from '../../../shared/i18n/format';
import type { MessageId } from '../../../shared/i18n/ids';
import { useT, type MessageValues } from '../../../shared/i18n/I18nProvider';
import type { SlaHistoryEvent } from '../sla/api';
import { businessTime, metricName } from '../sla/format';

type T = (id: MessageId, values?: MessageValues) => string;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** One step of the clock as a sentence in the reader's language, from its kind, metric and figures. */
export function historySentence(e: SlaHistoryEvent, t: T): string {
  const d = e.data;
  const time = (v: unknown) => businessTime(t, num(v) ?? 0);
  const metric = metricName(t, e.metric);
  switch (e.kind) {
    case 'applied':
      return t('sla.history.applied', { priority: typeof d.priority === 'string' ? d.priority : '?' });
    case 'started':
      return t('sla.history.started', { metric, target: time(d.target_minutes) });
    case 'paused':
      return t('sla.history.paused', { metric, left: time(d.remaining_minutes) });
    case 'resumed':
      return t('sla.history.resumed', { metric, left: time(d.remaining_minutes) });
    case 'met':
      return t(d.breached === true ? 'sla.history.metLate' : 'sla.history.met', { metric, used: time(d.used_minutes) });
    case 'threshold':
      return t('sla.history.threshold', { metric, percent: num(d.percent) ?? 0 });
    case 'breached':
      return t('sla.history.breached', { metric, target: time(d.target_minutes) });
    case 'retargeted':
      return num(d.previous_target_minutes) !== null && d.previous_target_minutes !== d.target_minutes
        ? t('sla.history.retargeted', { metric, from: time(d.previous_target_minutes), to: time(d.target_minutes) })
        : t('sla.history.recomputed', { metric, left: time(d.remaining_minutes) });
    case 'stopped':
      return t(d.breached === true ? 'sla.history.stoppedBreached' : 'sla.history.stopped', { metric });
    case 'reopened':
      return t('sla.history.reopened', { metric, used: time(d.used_minutes) });
    default:
      return t('sla.history.other', { kind: e.kind, metric: metric || '—' });
  }
}

/** The clock's history, oldest first, behind a disclosure; the server's reason (in English) under each step. */
export function SlaHistoryList({ events }: { events: readonly SlaHistoryEvent[] }) {
  const t = useT();
  const fmt = useFormat();
  if (events.length === 0) return null;
  return (
    <details className="sla-history">
      <summary>{t('sla.history.title', { count: events.length })}</summary>
      <ol>
        {events.map((e, i) => (
          <li key={`${e.at}-${i}`}>
            <time dateTime={e.at} className="sla-history-time">{fmt.dateTime(e.at)}</time>{' '}
            <span>{historySentence(e, t)}</span>
            {e.reason && (
              <span className="sla-history-reason" lang="en">
                {e.reason}
              </span>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}
