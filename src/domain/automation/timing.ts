import { ISO_WEEKDAYS, type BusinessCalendar } from '../sla/calendar.js';
import type { TicketStatus } from '../ticket.js';
import type { RuleTiming } from './rule.js';

const HOUR_MS = 3_600_000;

/** The instant a time rule measures from, on the ticket as it is. */
export function sinceInstant(timing: RuleTiming, t: { statusChangedAt: Date; createdAt: Date; updatedAt: Date }): Date {
  return timing.since === 'created' ? t.createdAt : timing.since === 'updated' ? t.updatedAt : t.statusChangedAt;
}

/** The usual length of an open day (the most common among open weekdays), in hours; null for a calendar never open. */
export function usualDayHours(cal: BusinessCalendar): number | null {
  const counts = new Map<number, number>();
  for (const d of ISO_WEEKDAYS) {
    const minutes = cal.weekly[d].reduce((sum, i) => sum + toMinutes(i.end) - toMinutes(i.start), 0);
    if (minutes > 0) counts.set(minutes, (counts.get(minutes) ?? 0) + 1);
  }
  let best: [number, number] | null = null;
  for (const entry of counts) if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] > best[0])) best = entry;
  return best ? best[0] / 60 : null;
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

const hoursText = (h: number): string => (Number.isInteger(h) ? String(h) : h.toFixed(1));

/**
 * A duration as people say it: "3 business days (27 h)" when the hours make whole days of the calendar (9 h a
 * day, or 24 h for round-the-clock), "5 days (120 h)" in wall time, else "30 business hours" / "30 h".
 */
export function describeDuration(hours: number, business: boolean, dayHours: number | null): string {
  const perDay = business ? dayHours : 24;
  if (perDay && hours >= perDay && Math.abs(hours / perDay - Math.round(hours / perDay)) < 1e-9) {
    const days = Math.round(hours / perDay);
    return `${days} ${business ? 'business ' : ''}day${days === 1 ? '' : 's'} (${hoursText(hours)} h)`;
  }
  return business ? `${hoursText(hours)} business hour${hours === 1 ? '' : 's'}` : `${hoursText(hours)} h`;
}

/** Why a time rule fired, for the timeline: "pending for 3 business days (72 h) since 2026-03-02T09:00:00.000Z". */
export function describeTimeRule(timing: RuleTiming, status: TicketStatus, since: Date, dayHours: number | null): string {
  const duration = describeDuration(timing.hours, timing.business, dayHours);
  const at = since.toISOString();
  switch (timing.since) {
    case 'status_changed':
      return `${status} for ${duration} since ${at}`;
    case 'created':
      return `${duration} since the ticket was created (${at})`;
    case 'updated':
      return `no change for ${duration} since ${at}`;
  }
}

/** Whether enough time has passed, given the measured time (business or wall) in ms. */
export const isDue = (timing: RuleTiming, measuredMs: number): boolean => measuredMs >= timing.hours * HOUR_MS;
