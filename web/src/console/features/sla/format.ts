import type { MessageId } from '../../../shared/i18n/ids';
import type { MessageValues } from '../../../shared/i18n/I18nProvider';
import { isSlaMetric } from './api';

type T = (id: MessageId, values?: MessageValues) => string;

/**
 * Business time as the server counts it: "45 min", "4 h", "1 h 30 min" — never in days, since a business day's
 * length depends on the calendar.
 */
export function businessTime(t: T, minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  if (total < 60) return t('sla.time.minutes', { minutes: total });
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  return rest ? t('sla.time.hoursMinutes', { hours, minutes: rest }) : t('sla.time.hours', { hours });
}

/** "First response", "Next response", "Resolution"; an unknown value as it came. */
export function metricName(t: T, metric: unknown): string {
  return isSlaMetric(metric) ? t(`sla.metric.${metric}`) : String(metric ?? '');
}
