/**
 * Business-hours calendars and business-time arithmetic for the SLA clock. Pure: instants come in as `Date`s,
 * nothing reads the clock.
 *
 * A calendar's opening intervals are local wall-clock times in its IANA zone. Each interval of a local date is
 * turned into a span of instants:
 * - its start is the FIRST instant at which the local clock shows the start time or later, and
 * - its end is the instant from which the local clock never again shows a time before the end time.
 * Consequences, which the tests pin down:
 * - Spring forward (a local time that does not exist): a boundary inside the gap becomes the first instant
 *   after it (02:30 in Paris on the last Sunday of March becomes 03:00 CEST), so 00:00–24:00 lasts 23 h and
 *   09:00–18:00 still lasts 9 h.
 * - Fall back (a local time that happens twice): a start takes the earlier occurrence, an end the later one
 *   (except an end exactly at the time the clock falls back to, e.g. 02:00 in Paris, which ends at its first
 *   occurrence: the clock never reads 01:xx again). So 00:00–24:00 lasts 25 h, 00:00–02:30 lasts 3.5 h,
 *   00:00–02:00 lasts 2 h, and an interval covering the repeated hour counts it twice (it was worked twice).
 *   Two intervals that overlap after this mapping (01:00–02:30 + 02:30–05:00) count their common part once.
 * Holidays close the whole local date; there is no "observed" substitute day (none in France).
 * Assumption: a zone changes offset at most once within any ~3-day window (true of every zone in current use).
 *
 * Deadline semantics: `addBusinessTime(c, s, d)` is the earliest instant at which `d` ms of business time have
 * elapsed since `s`, counting from the next opening; with `d > 0` that can be the very end of an interval
 * (a 4 h target from 14:00 is due at 18:00, not at the next morning's opening). `d = 0` gives the next open
 * instant. So a target is breached at `t` exactly when `t >= due`.
 *
 * Calendars are treated as immutable once used: their compiled form is cached per object.
 */
import { IANAZone } from 'luxon';

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const ISO_WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

/** Local wall-clock times, 'HH:MM'; `end` may be '24:00'. */
export interface OpeningInterval {
  start: string;
  end: string;
}

export interface BusinessCalendar {
  /** IANA zone, e.g. 'Europe/Paris'. */
  timeZone: string;
  /** Opening intervals per ISO weekday (1 = Monday), sorted and non-overlapping; an empty list is a closed day. */
  weekly: Record<IsoWeekday, readonly OpeningInterval[]>;
  /** Local dates 'YYYY-MM-DD' closed all day. */
  holidays: readonly string[];
}

export interface CalendarProblem {
  path: string;
  message: string;
}

/** A calendar open around the clock (in UTC business time equals elapsed time). */
export function ALWAYS_OPEN(timeZone = 'UTC'): BusinessCalendar {
  const day = [{ start: '00:00', end: '24:00' }];
  return { timeZone, weekly: { 1: day, 2: day, 3: day, 4: day, 5: day, 6: day, 7: day }, holidays: [] };
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** How far the search for business time goes before giving up (about three years of local dates). */
const MAX_SEARCH_DAYS = 3 * 366;
const DAY_CACHE_LIMIT = 4096;
const ZONE_CACHE_LIMIT = 50_000;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function minutesOf(hhmm: string, isEnd: boolean): number | undefined {
  if (isEnd && hhmm === '24:00') return 1440;
  const m = TIME.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date, or undefined if it is not a real date. */
function dayNumberOf(date: string): number | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(0);
  at.setUTCFullYear(y, mo - 1, d);
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== mo - 1 || at.getUTCDate() !== d) return undefined;
  return Math.floor(at.getTime() / DAY_MS);
}

const knownZones = new Set<string>();

/** Memoised: checking a zone builds an Intl.DateTimeFormat, which costs far more than the arithmetic. */
function isKnownZone(name: unknown): name is string {
  if (typeof name !== 'string') return false;
  if (knownZones.has(name)) return true;
  if (!IANAZone.isValidZone(name)) return false;
  knownZones.add(name); // real zone names are a few hundred at most
  return true;
}

/** Lists what is wrong with an untrusted calendar (empty when it is valid), for the API to show. */
export function validateCalendar(c: unknown): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (typeof c !== 'object' || c === null) return [{ path: '', message: 'A calendar must be an object.' }];
  const cal = c as Record<string, unknown>;
  if (!isKnownZone(cal.timeZone)) {
    add('timeZone', `Unknown time zone ${JSON.stringify(cal.timeZone)}; use an IANA name such as Europe/Paris.`);
  }
  const weekly = cal.weekly;
  if (typeof weekly !== 'object' || weekly === null) {
    add('weekly', 'The weekly schedule must be an object keyed by ISO weekday (1 = Monday … 7 = Sunday).');
  } else {
    for (const key of Object.keys(weekly)) {
      if (!ISO_WEEKDAYS.some((d) => String(d) === key)) add(`weekly.${key}`, 'Not an ISO weekday (1 … 7).');
    }
    for (const day of ISO_WEEKDAYS) {
      const intervals = (weekly as Record<string, unknown>)[day];
      if (!Array.isArray(intervals)) {
        add(`weekly.${day}`, 'Each weekday needs a list of intervals (empty when closed).');
        continue;
      }
      let previous: { start: number; end: number } | undefined;
      intervals.forEach((iv: unknown, i) => {
        const path = `weekly.${day}.${i}`;
        const { start, end } = (typeof iv === 'object' && iv !== null ? iv : {}) as Record<string, unknown>;
        const s = typeof start === 'string' ? minutesOf(start, false) : undefined;
        const e = typeof end === 'string' ? minutesOf(end, true) : undefined;
        if (s === undefined) add(`${path}.start`, `Bad start time ${JSON.stringify(start)}; use HH:MM (00:00 … 23:59).`);
        if (e === undefined) add(`${path}.end`, `Bad end time ${JSON.stringify(end)}; use HH:MM (00:01 … 24:00).`);
        if (s === undefined || e === undefined) return;
        if (e <= s) add(path, `The interval ${start}–${end} is empty or reversed.`);
        else if (previous && s < previous.start) add(path, `Intervals must be sorted: ${start} comes before the previous one.`);
        else if (previous && s < previous.end) add(path, `The interval ${start}–${end} overlaps the previous one.`);
        previous = { start: s, end: e };
      });
    }
  }
  if (!Array.isArray(cal.holidays)) add('holidays', 'Holidays must be a list of dates (YYYY-MM-DD).');
  else {
    cal.holidays.forEach((h: unknown, i) => {
      if (typeof h !== 'string' || dayNumberOf(h) === undefined) {
        add(`holidays.${i}`, `Bad date ${JSON.stringify(h)}; use an existing date as YYYY-MM-DD.`);
      }
    });
  }
  return problems;
}

/** A zone's offsets around one local date: `before` until the instant `change`, `after` from it on. */
interface DayOffsets {
  before: number;
  after: number;
  /** Infinity when the offset does not change around that date. */
  change: number;
}

/**
 * Offsets of one zone, memoised per date: Intl (behind Luxon) costs microseconds per call, and the SLA sweep asks
 * the same zone about the same dates over and over.
 */
class ZoneOffsets {
  private readonly zone: IANAZone;
  private readonly probes = new Map<number, number>();
  private readonly days = new Map<number, DayOffsets>();

  constructor(name: string) {
    this.zone = IANAZone.create(name);
  }

  private offsetMs(t: number): number {
    return Math.round(this.zone.offset(t) * MINUTE_MS);
  }

  /** The offset at 12:00 UTC of day `k`; neighbouring dates share probes. */
  private probe(k: number): number {
    let offset = this.probes.get(k);
    if (offset === undefined) {
      if (this.probes.size >= ZONE_CACHE_LIMIT) this.probes.clear();
      offset = this.offsetMs(k * DAY_MS + 12 * HOUR_MS);
      this.probes.set(k, offset);
    }
    return offset;
  }

  /**
   * Offsets around local date `day` (days since 1970-01-01) and UTC day `day` alike: offsets span −12 h … +14 h,
   * so every instant of either lies between the probes of days `day − 2` and `day + 1`.
   */
  around(day: number): DayOffsets {
    let info = this.days.get(day);
    if (info) return info;
    const before = this.probe(day - 2);
    const after = this.probe(day + 1);
    let change = Infinity;
    if (before !== after) {
      // The first instant with the new offset (offsets change on whole seconds, so search to the ms).
      let lo = (day - 2) * DAY_MS + 12 * HOUR_MS;
      let hi = (day + 1) * DAY_MS + 12 * HOUR_MS;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (this.offsetMs(mid) === before) lo = mid;
        else hi = mid;
      }
      change = hi;
    }
    info = { before, after, change };
    if (this.days.size >= ZONE_CACHE_LIMIT) this.days.clear();
    this.days.set(day, info);
    return info;
  }

  offsetAt(t: number): number {
    const { before, after, change } = this.around(Math.floor(t / DAY_MS));
    return t < change ? before : after;
  }
}

const zones = new Map<string, ZoneOffsets>();

function zoneOffsets(name: string): ZoneOffsets {
  let zone = zones.get(name);
  if (!zone) zones.set(name, (zone = new ZoneOffsets(name)));
  return zone;
}

interface CompiledCalendar {
  zone: ZoneOffsets;
  /** Index 1..7: flat [startMinute, endMinute, …]. */
  weekly: ReadonlyArray<readonly number[]>;
  holidays: ReadonlySet<number>;
  /**
   * Local day number → flat [start, end, …] instants. Starts and ends are each non-decreasing, but spans may
   * overlap after a fall back (01:00–02:30 + 02:30–05:00): every walk over them keeps a cursor so that no
   * instant counts twice.
   */
  days: Map<number, readonly number[]>;
}

const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>();

function compile(cal: BusinessCalendar): CompiledCalendar {
  const known = compiled.get(cal);
  if (known) return known;
  const problems = validateCalendar(cal);
  if (problems.length > 0) {
    throw new RangeError(`Invalid business calendar: ${problems.map((p) => `${p.path}: ${p.message}`).join(' ')}`);
  }
  const weekly: number[][] = [[]];
  for (const day of ISO_WEEKDAYS) {
    weekly[day] = cal.weekly[day].flatMap((iv) => [minutesOf(iv.start, false)!, minutesOf(iv.end, true)!]);
  }
  const result: CompiledCalendar = {
    zone: zoneOffsets(cal.timeZone),
    weekly,
    holidays: new Set(cal.holidays.map((h) => dayNumberOf(h)!)),
    days: new Map(),
  };
  compiled.set(cal, result);
  return result;
}

function isoWeekday(day: number): IsoWeekday {
  return ((((day + 3) % 7) + 7) % 7 + 1) as IsoWeekday; // day 0 (1970-01-01) was a Thursday
}

function localDay(cc: CompiledCalendar, t: number): number {
  return Math.floor((t + cc.zone.offsetAt(t)) / DAY_MS);
}

/** The opening spans of one local date as instants (see the module comment for gaps and repeats). */
function dayIntervals(cc: CompiledCalendar, day: number): readonly number[] {
  const cached = cc.days.get(day);
  if (cached) return cached;
  const spans: number[] = [];
  const spec = cc.holidays.has(day) ? [] : cc.weekly[isoWeekday(day)]!;
  if (spec.length > 0) {
    const base = day * DAY_MS;
    const { before, after, change } = cc.zone.around(day);
    let toInstant = (local: number, _edge: 'start' | 'end') => local - before;
    if (change !== Infinity) {
      toInstant = (local, edge) => {
        const early = local - before; // reading `local` with the old offset: real only before the change
        const late = local - after; // with the new offset: real only from the change on
        const earlyReal = early < change;
        const lateReal = late >= change;
        // Repeated local time: a start takes its first occurrence; an end its second, unless the end is the
        // very time the clock falls back to (late === change): after its first occurrence the clock never
        // shows an earlier time again.
        if (earlyReal && lateReal) return edge === 'start' || late === change ? early : late;
        if (earlyReal) return early;
        if (lateReal) return late;
        return change; // skipped local time: the first instant after the gap
      };
    }
    for (let i = 0; i < spec.length; i += 2) {
      const start = toInstant(base + spec[i]! * MINUTE_MS, 'start');
      const end = toInstant(base + spec[i + 1]! * MINUTE_MS, 'end');
      if (end > start) spans.push(start, end);
    }
  }
  if (cc.days.size >= DAY_CACHE_LIMIT) cc.days.clear();
  cc.days.set(day, spans);
  return spans;
}

function instantOf(d: Date, name: string): number {
  const t = d instanceof Date ? d.getTime() : NaN;
  if (!Number.isFinite(t)) throw new RangeError(`${name} is not a valid date.`);
  return t;
}

/**
 * The instant at which `ms` of business time has elapsed from `start`, counting from the next opening. `ms` is a
 * whole, non-negative number of milliseconds; 0 gives the next open instant (`start` itself when open). Throws a
 * RangeError when the calendar does not supply that much business time within about three years.
 */
export function addBusinessTime(cal: BusinessCalendar, start: Date, ms: number): Date {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new RangeError(`Business time must be a whole, non-negative number of ms (got ${ms}).`);
  }
  const cc = compile(cal);
  const t0 = instantOf(start, 'start');
  let cursor = t0;
  let remaining = ms;
  // Start a date early: where a repeated hour straddles midnight, the previous date's spans reach into this one.
  const first = localDay(cc, t0) - 1;
  for (let day = first; day <= first + MAX_SEARCH_DAYS; day++) {
    const spans = dayIntervals(cc, day);
    for (let i = 0; i < spans.length; i += 2) {
      const end = spans[i + 1]!;
      if (end <= cursor) continue;
      const from = Math.max(spans[i]!, cursor);
      if (remaining <= end - from) return new Date(from + remaining);
      remaining -= end - from;
      cursor = end;
    }
  }
  throw new RangeError(
    `The calendar (${cal.timeZone}) does not supply ${ms} ms of business time within 3 years after ` +
      `${start.toISOString()}; is it ever open?`,
  );
}

/** The first open instant at or after `at` (RangeError if none within about three years). */
export function nextOpening(cal: BusinessCalendar, at: Date): Date {
  return addBusinessTime(cal, at, 0);
}

/** The first closed instant at or after `at` (`at` itself when closed; RangeError if never within ~3 years). */
export function nextClosing(cal: BusinessCalendar, at: Date): Date {
  const cc = compile(cal);
  const t0 = instantOf(at, 'at');
  let cursor = t0;
  const first = localDay(cc, t0) - 1;
  for (let day = first; day <= first + MAX_SEARCH_DAYS; day++) {
    const spans = dayIntervals(cc, day);
    for (let i = 0; i < spans.length; i += 2) {
      if (spans[i + 1]! <= cursor) continue;
      if (spans[i]! > cursor) return new Date(cursor);
      cursor = spans[i + 1]!;
    }
  }
  throw new RangeError(`The calendar (${cal.timeZone}) never closes within 3 years after ${at.toISOString()}.`);
}

/** Whether `at` falls inside business hours. */
export function isOpen(cal: BusinessCalendar, at: Date): boolean {
  const cc = compile(cal);
  const t = instantOf(at, 'at');
  const day = localDay(cc, t);
  for (let d = day - 1; d <= day + 1; d++) { // neighbours too: see addBusinessTime
    const spans = dayIntervals(cc, d);
    for (let i = 0; i < spans.length; i += 2) {
      if (spans[i]! <= t && t < spans[i + 1]!) return true;
    }
  }
  return false;
}

/** Business time in [a, b), in ms (0 when b <= a). Cost grows with the number of local dates in between. */
export function businessTimeBetween(cal: BusinessCalendar, a: Date, b: Date): number {
  const cc = compile(cal);
  const ta = instantOf(a, 'a');
  const tb = instantOf(b, 'b');
  if (tb <= ta) return 0;
  let total = 0;
  let cursor = ta;
  const last = localDay(cc, tb) + 1;
  for (let day = localDay(cc, ta) - 1; day <= last; day++) {
    const spans = dayIntervals(cc, day);
    for (let i = 0; i < spans.length; i += 2) {
      const from = Math.max(spans[i]!, cursor);
      const to = Math.min(spans[i + 1]!, tb);
      if (to > from) {
        total += to - from;
        cursor = to;
      }
    }
  }
  return total;
}
