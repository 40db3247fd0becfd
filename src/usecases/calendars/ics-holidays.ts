/**
 * Closed days from an iCalendar file (a holidays feed exported from Outlook, Google Calendar, a government site):
 * all-day events become local dates, multi-day events each of their dates, recurring ones (a yearly RRULE) are
 * expanded over a bounded range of years. Parsing is ical.js's; this only decides what counts as a closed day.
 */
import ICAL from 'ical.js';
import { DomainError } from '../../domain/errors.js';

type IcalEvent = InstanceType<typeof ICAL.Event>;
type IcalTime = InstanceType<typeof ICAL.Time>;

export interface IcsHoliday {
  date: string;
  name: string;
}

export interface IcsHolidays {
  /** One entry per date, sorted; the first event of a date names it. */
  holidays: IcsHoliday[];
  /** Explicit dates outside the range, cancelled events, dates the file lists twice. */
  skipped: number;
  /** Events that cannot be a closed day: timed events, no start, absurd length. */
  invalid: number;
  /** Why events were skipped or invalid, for the administrator (at most MAX_NOTES). */
  notes: string[];
}

const DAY_MS = 86_400_000;
const MAX_EVENT_DAYS = 366;
/** A rule is followed this many occurrences at most: enough for a daily rule over the range, bounded anyway. */
const MAX_OCCURRENCES = 5000;
const MAX_NOTES = 20;
const DEFAULT_NAME = 'Jour férié';

const dayNumber = (t: IcalTime) => Date.UTC(t.year, t.month - 1, t.day) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

function invalidIcs(message: string): DomainError {
  return new DomainError('INVALID_CALENDAR', message, [{ path: 'body', message }]);
}

function parseRoot(text: string): InstanceType<typeof ICAL.Component> {
  let jcal: unknown;
  try {
    jcal = ICAL.parse(text);
  } catch (err) {
    throw invalidIcs(`The file is not valid iCalendar: ${err instanceof Error ? err.message : String(err)}.`);
  }
  // Several top-level components come back as a list of them; a holidays file has one VCALENDAR.
  const first = Array.isArray(jcal) && Array.isArray(jcal[0]) ? jcal[0] : jcal;
  if (!Array.isArray(first) || first[0] !== 'vcalendar') {
    throw invalidIcs('The file is not an iCalendar file: it must start with BEGIN:VCALENDAR.');
  }
  return new ICAL.Component(first);
}

const cancelled = (ev: IcalEvent) => String(ev.component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED';

/** Closed days of an .ics text between 1 January of `fromYear` and 31 December of `toYear`. */
export function holidaysFromIcs(text: string, range: { fromYear: number; toYear: number }): IcsHolidays {
  const root = parseRoot(text);
  const first = Date.UTC(range.fromYear, 0, 1) / DAY_MS;
  const last = Date.UTC(range.toYear, 11, 31) / DAY_MS;
  const byDate = new Map<string, string>();
  const result: IcsHolidays = { holidays: [], skipped: 0, invalid: 0, notes: [] };
  const note = (text: string) => {
    if (result.notes.length < MAX_NOTES) result.notes.push(text);
  };

  const events = root.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  // A moved or cancelled occurrence (RECURRENCE-ID) belongs to its series: relate it so the expansion uses it.
  const series = new Map(events.filter((e) => !e.isRecurrenceException()).map((e) => [e.uid, e]));
  const standalone: IcalEvent[] = [];
  for (const e of events) {
    if (!e.isRecurrenceException()) standalone.push(e);
    else if (series.get(e.uid)?.isRecurring()) series.get(e.uid)!.relateException(e);
    else standalone.push(e);
  }

  // Occurrences a rule generates outside the range are not the file's dates: only explicit ones count as skipped.
  const addDays = (name: string, start: IcalTime, end: IcalTime, generated: boolean) => {
    const from = dayNumber(start);
    const until = Math.max(dayNumber(end), from + 1); // DTEND is exclusive; an empty one still means that day
    for (let d = from; d < until; d++) {
      const date = dateOf(d);
      if (d < first || d > last) result.skipped += generated ? 0 : 1;
      else if (byDate.has(date)) result.skipped++;
      else byDate.set(date, name);
    }
  };

  for (const ev of standalone) {
    const name = (ev.summary ?? '').trim().slice(0, 200) || DEFAULT_NAME;
    const start = ev.startDate as IcalTime | null;
    if (!start) {
      result.invalid++;
      note(`"${name}": no start date (DTSTART); ignored.`);
      continue;
    }
    if (!start.isDate) {
      result.invalid++;
      note(`"${name}" on ${start.toString()}: not an all-day event, so not a closed day; ignored.`);
      continue;
    }
    const length = dayNumber(ev.endDate) - dayNumber(start);
    if (length > MAX_EVENT_DAYS) {
      result.invalid++;
      note(`"${name}" from ${start.toString()}: lasts ${length} days (at most ${MAX_EVENT_DAYS}); ignored.`);
      continue;
    }
    if (cancelled(ev)) {
      result.skipped++;
      continue;
    }
    if (!ev.isRecurring()) {
      addDays(name, start, ev.endDate, false);
      continue;
    }
    const it = ev.iterator();
    let n = 0;
    for (let next = it.next(); next; next = it.next()) {
      if (dayNumber(next) > last) break;
      if (++n > MAX_OCCURRENCES) {
        note(`"${name}": repeats more than ${MAX_OCCURRENCES} times; later occurrences ignored.`);
        break;
      }
      if (dayNumber(next) + MAX_EVENT_DAYS < first) continue; // long before the range
      const occurrence = ev.getOccurrenceDetails(next);
      const item = occurrence.item;
      if (item !== ev && cancelled(item)) continue;
      const itemName = item === ev ? name : (item.summary ?? '').trim().slice(0, 200) || name;
      addDays(itemName, occurrence.startDate, occurrence.endDate, true);
    }
  }
  result.holidays = [...byDate].map(([date, name]) => ({ date, name })).sort((a, b) => (a.date < b.date ? -1 : 1));
  return result;
}
