import { ALWAYS_OPEN, type BusinessCalendar } from '../../domain/sla/calendar.js';
import { findApplicableCalendarRef, findCalendar } from '../../store/calendars.js';
import type { Sql } from '../../store/db.js';
import { businessCalendarOf } from './business-calendar.js';

export interface ResolvedCalendar {
  id: string | null;
  name: string;
  version: number;
  source: 'policy' | 'team' | 'default' | 'builtin';
  calendar: BusinessCalendar;
}

/** When no calendar exists at all: around the clock, in the help desk's home zone. */
const BUILTIN: ResolvedCalendar = Object.freeze({
  id: null,
  name: 'Built-in 24/7 (Europe/Paris)',
  version: 0,
  source: 'builtin',
  calendar: ALWAYS_OPEN('Europe/Paris'),
});

/** French holidays are computed for this many years around `at`: deadlines reach a few years out at most. */
const YEARS_BEFORE = 2;
const YEARS_AFTER = 4;
const CACHE_LIMIT = 500;

/**
 * Built calendars by id, version and year of `at`. The domain caches each calendar's compiled form (opening
 * spans per date, zone offsets) on the object itself, so handing out the same object for the same version is
 * what keeps the SLA sweep fast; a new version (any change) gets a new object.
 */
const cache = new Map<string, { name: string; calendar: BusinessCalendar }>();

/**
 * calendarId given → that calendar; else the team's calendar; else the default calendar; else built-in 24/7
 * (Europe/Paris). Holidays = manual + imported + computed French ones (years around `at`). Cached by (id, version).
 */
export async function resolveCalendar(
  sql: Sql,
  q: { calendarId: string | null; teamId: string | null; at: Date },
): Promise<ResolvedCalendar> {
  const ref = await findApplicableCalendarRef(sql, q);
  if (!ref) return BUILTIN;
  const year = q.at.getUTCFullYear();
  const key = `${ref.id}:${ref.version}:${year}`;
  let built = cache.get(key);
  if (!built) {
    const row = await findCalendar(sql, ref.id);
    if (!row) return BUILTIN; // deleted between the two reads: nothing else applies any more either
    built = { name: row.name, calendar: businessCalendarOf(row, year - YEARS_BEFORE, year + YEARS_AFTER) };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(`${row.id}:${row.version}:${year}`, built);
    return { id: row.id, name: row.name, version: row.version, source: ref.source, calendar: built.calendar };
  }
  return { id: ref.id, name: built.name, version: ref.version, source: ref.source, calendar: built.calendar };
}
