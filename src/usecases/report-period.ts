import { DateTime } from 'luxon';
import { DomainError } from '../domain/errors.js';

/** A report's period: local dates in `timeZone`, both inclusive, as the instants [from, to). At most three years. */
export function reportPeriod(q: { from: string; to: string; timeZone: string }): { from: Date; to: Date } {
  const from = DateTime.fromISO(q.from, { zone: q.timeZone });
  const to = DateTime.fromISO(q.to, { zone: q.timeZone }).plus({ days: 1 });
  if (!from.isValid || !to.isValid) {
    throw new DomainError('VALIDATION_FAILED', 'Unknown time zone or date.', [{ path: 'time_zone', message: 'an IANA zone such as Europe/Paris' }]);
  }
  if (to <= from) throw new DomainError('VALIDATION_FAILED', '`to` is before `from`.', [{ path: 'to', message: 'on or after from' }]);
  if (to.diff(from, 'days').days > 3 * 366) {
    throw new DomainError('VALIDATION_FAILED', 'The period is too long.', [{ path: 'to', message: 'at most three years' }]);
  }
  return { from: from.toJSDate(), to: to.toJSDate() };
}
