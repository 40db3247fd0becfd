import { useMemo } from 'react';
import { useIntl } from 'react-intl';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Dates and durations in the user's language and time zone (set on the IntlProvider). */
export function useFormat() {
  const intl = useIntl();
  return useMemo(() => {
    const unit = (value: number, u: 'minute' | 'hour' | 'day') =>
      new Intl.NumberFormat(intl.locale, { style: 'unit', unit: u, unitDisplay: 'narrow' }).format(value);
    return {
      /** 21 nov. 2026, 14:05 */
      dateTime: (iso: string) =>
        intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short', timeZone: intl.timeZone }),
      date: (iso: string) => intl.formatDate(iso, { dateStyle: 'medium', timeZone: intl.timeZone }),
      /** "il y a 3 heures" / "3 hours ago", relative to `now`. */
      relative: (iso: string, now: number = Date.now()) => {
        const diff = new Date(iso).getTime() - now;
        const abs = Math.abs(diff);
        if (abs < MINUTE) return intl.formatRelativeTime(Math.round(diff / 1000), 'second', { numeric: 'auto' });
        if (abs < HOUR) return intl.formatRelativeTime(Math.round(diff / MINUTE), 'minute', { numeric: 'auto' });
        if (abs < DAY) return intl.formatRelativeTime(Math.round(diff / HOUR), 'hour', { numeric: 'auto' });
        return intl.formatRelativeTime(Math.round(diff / DAY), 'day', { numeric: 'auto' });
      },
      /** A compact duration: "45 min", "3 h", "2 j 4 h" / "2d 4h". */
      duration: (ms: number) => {
        const m = Math.max(0, Math.floor(ms / MINUTE));
        if (m < 60) return unit(m, 'minute');
        const h = Math.floor(m / 60);
        if (h < 24) return unit(h, 'hour');
        const d = Math.floor(h / 24);
        const rest = h % 24;
        return rest ? `${unit(d, 'day')} ${unit(rest, 'hour')}` : unit(d, 'day');
      },
    };
  }, [intl]);
}
