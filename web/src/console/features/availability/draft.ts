import type { MessageId } from '../../../shared/i18n/ids';
import type { AgentStatus, Availability, AvailabilityBody } from './api';

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Interval {
  start: string;
  end: string;
}
export type Week = Record<Weekday, Interval[]>;

/** What the availability form edits; dates are local dates ('YYYY-MM-DD') in the agent's time zone. */
export interface AvailabilityDraft {
  status: AgentStatus;
  personalHours: boolean;
  week: Week;
  away: boolean;
  /** First day away, '' for already away. */
  from: string;
  /** Day back, '' for until further notice. */
  backOn: string;
  delegateId: string;
  capacity: string;
}

export const DEFAULT_HOURS: Interval[] = [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '18:00' }];

const officeWeek = (): Week => ({
  1: [...DEFAULT_HOURS], 2: [...DEFAULT_HOURS], 3: [...DEFAULT_HOURS], 4: [...DEFAULT_HOURS], 5: [...DEFAULT_HOURS], 6: [], 7: [],
});

/** The local date of an instant in `timeZone`, as 'YYYY-MM-DD'. */
export function localDate(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function offsetMs(t: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(t));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(t / 1000) * 1000;
}

/** The instant a local date starts (00:00) in `timeZone`, as ISO. */
export function startOfLocalDate(date: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  // Twice: the offset at the first guess may differ from the one at local midnight (a DST change that day).
  let t = wall - offsetMs(wall, timeZone);
  t = wall - offsetMs(t, timeZone);
  return new Date(t).toISOString();
}

export function draftOf(a: Availability, timeZone: string): AvailabilityDraft {
  const ooo = a.out_of_office;
  const week = officeWeek();
  if (a.working_hours) for (const d of WEEKDAYS) week[d] = a.working_hours[d].map((iv) => ({ ...iv }));
  return {
    status: a.status,
    personalHours: a.working_hours !== null,
    week,
    away: ooo !== null,
    from: ooo?.from ? localDate(ooo.from, timeZone) : '',
    backOn: ooo?.until ? localDate(ooo.until, timeZone) : '',
    delegateId: ooo?.delegate_id ?? '',
    capacity: a.capacity === null ? '' : String(a.capacity),
  };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const isTime = (s: string, isEnd: boolean) => TIME.test(s) || (isEnd && s === '24:00');
const minutes = (s: string) => (s === '24:00' ? 1440 : Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5)));

/** Problems as message ids keyed like the API's paths ('working_hours.1.0', 'out_of_office.until', 'capacity'). */
export function validateDraft(d: AvailabilityDraft, opts: { capacity: boolean }): Record<string, MessageId> {
  const problems: Record<string, MessageId> = {};
  if (d.personalHours) {
    for (const day of WEEKDAYS) {
      let previousEnd = -1;
      d.week[day].forEach((iv, i) => {
        const path = `working_hours.${day}.${i}`;
        if (!isTime(iv.start, false) || !isTime(iv.end, true)) problems[path] = 'availability.error.time';
        else if (minutes(iv.end) <= minutes(iv.start)) problems[path] = 'availability.error.reversed';
        else if (minutes(iv.start) < previousEnd) problems[path] = 'availability.error.overlap';
        else previousEnd = minutes(iv.end);
      });
    }
    if (WEEKDAYS.every((day) => d.week[day].length === 0)) problems.working_hours = 'availability.error.noHours';
  }
  if (d.away) {
    if (!d.from && !d.backOn) problems['out_of_office.from'] = 'availability.error.period';
    else if (d.from && d.backOn && d.backOn <= d.from) problems['out_of_office.until'] = 'availability.error.backBeforeFrom';
  }
  if (opts.capacity && d.capacity.trim() !== '' && !/^\d{1,5}$/.test(d.capacity.trim())) problems.capacity = 'availability.error.capacity';
  return problems;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The changes to send: only what differs from `initial` (unchanged parts stay exactly as stored). */
export function bodyOf(
  d: AvailabilityDraft,
  initial: AvailabilityDraft,
  opts: { timeZone: string; status: boolean; capacity: boolean },
): AvailabilityBody {
  const body: AvailabilityBody = {};
  if (opts.status && d.status !== initial.status) body.status = d.status;
  const hours = d.personalHours ? d.week : null;
  if (!same(hours, initial.personalHours ? initial.week : null)) body.working_hours = hours;
  const ooo = d.away ? [d.from, d.backOn, d.delegateId] : null;
  if (!same(ooo, initial.away ? [initial.from, initial.backOn, initial.delegateId] : null)) {
    body.out_of_office = d.away
      ? {
          from: d.from ? startOfLocalDate(d.from, opts.timeZone) : null,
          until: d.backOn ? startOfLocalDate(d.backOn, opts.timeZone) : null,
          delegate_id: d.delegateId || null,
        }
      : null;
  }
  if (opts.capacity && d.capacity.trim() !== initial.capacity) body.capacity = d.capacity.trim() === '' ? null : Number(d.capacity);
  return body;
}
