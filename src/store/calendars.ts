import type { Sql } from './db.js';

export type FrenchHolidays = 'none' | 'metropolitan' | 'alsace_moselle';
export type HolidaySource = 'manual' | 'ical';

export interface StoredHoliday {
  date: string;
  name: string;
  source: HolidaySource;
}

/** Opening intervals per ISO weekday, keyed '1' … '7'. */
export type StoredWeekly = Record<string, Array<{ start: string; end: string }>>;

export interface CalendarRow {
  id: string;
  name: string;
  time_zone: string;
  weekly: StoredWeekly;
  holidays: StoredHoliday[];
  french_holidays: FrenchHolidays;
  is_default: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface CalendarContent {
  name: string;
  timeZone: string;
  weekly: StoredWeekly;
  holidays: StoredHoliday[];
  frenchHolidays: FrenchHolidays;
}

export async function insertCalendar(
  sql: Sql,
  c: CalendarContent & { id: string; isDefault: boolean; createdAt: Date },
): Promise<CalendarRow> {
  const row = await sql.one<CalendarRow>(
    `INSERT INTO calendars (id, name, time_zone, weekly, holidays, french_holidays, is_default, version, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8) RETURNING *`,
    [c.id, c.name, c.timeZone, JSON.stringify(c.weekly), JSON.stringify(c.holidays), c.frenchHolidays, c.isDefault, c.createdAt],
  );
  return row!;
}

export async function listCalendars(sql: Sql): Promise<CalendarRow[]> {
  return sql.query<CalendarRow>('SELECT * FROM calendars ORDER BY is_default DESC, lower(name), id');
}

export async function findCalendar(sql: Sql, id: string): Promise<CalendarRow | undefined> {
  return sql.one<CalendarRow>('SELECT * FROM calendars WHERE id = $1', [id]);
}

export async function lockCalendar(sql: Sql, id: string): Promise<CalendarRow | undefined> {
  return sql.one<CalendarRow>('SELECT * FROM calendars WHERE id = $1 FOR UPDATE', [id]);
}

export async function findCalendarByName(sql: Sql, name: string): Promise<CalendarRow | undefined> {
  return sql.one<CalendarRow>('SELECT * FROM calendars WHERE lower(name) = lower($1) LIMIT 1', [name]);
}

export async function countCalendars(sql: Sql): Promise<number> {
  return (await sql.one<{ n: number }>('SELECT count(*)::int AS n FROM calendars'))?.n ?? 0;
}

/**
 * Serialises the changes that decide which calendar is the default (create, set default, delete): writers that
 * change `is_default` take this lock first, so "exactly one default" never depends on who commits first.
 * Readers are not blocked.
 */
export async function lockCalendarDefaults(sql: Sql): Promise<void> {
  await sql.query('LOCK TABLE calendars IN SHARE ROW EXCLUSIVE MODE');
}

/** Replaces a calendar's content and bumps its version (a ticket's clock records the version it used). */
export async function updateCalendarContent(sql: Sql, id: string, c: CalendarContent, at: Date): Promise<CalendarRow> {
  const row = await sql.one<CalendarRow>(
    `UPDATE calendars SET name = $2, time_zone = $3, weekly = $4, holidays = $5, french_holidays = $6,
       version = version + 1, updated_at = $7
     WHERE id = $1 RETURNING *`,
    [id, c.name, c.timeZone, JSON.stringify(c.weekly), JSON.stringify(c.holidays), c.frenchHolidays, at],
  );
  return row!;
}

/** Makes `id` the only default calendar (the caller holds `lockCalendarDefaults`). */
export async function setDefaultCalendar(sql: Sql, id: string, at: Date): Promise<void> {
  await sql.query('UPDATE calendars SET is_default = false, updated_at = $2 WHERE is_default AND id <> $1', [id, at]);
  await sql.query('UPDATE calendars SET is_default = true, updated_at = $2 WHERE id = $1 AND NOT is_default', [id, at]);
}

export async function deleteCalendar(sql: Sql, id: string): Promise<void> {
  await sql.query('DELETE FROM calendars WHERE id = $1', [id]);
}

export interface CalendarUses {
  teams: string[];
  policies: string[];
  automations: string[];
}

/** Names of what refers to a calendar: teams, SLA policies and time rules (whose timing may name one). */
export async function findCalendarUses(sql: Sql, id: string): Promise<CalendarUses> {
  const rows = await sql.query<{ kind: keyof CalendarUses; name: string }>(
    `SELECT 'teams' AS kind, name FROM teams WHERE calendar_id = $1
     UNION ALL SELECT 'policies', name FROM sla_policies WHERE calendar_id = $1
     UNION ALL SELECT 'automations', name FROM automations WHERE timing ->> 'calendar_id' = $1::text
     ORDER BY 1, 2`,
    [id],
  );
  const uses: CalendarUses = { teams: [], policies: [], automations: [] };
  for (const r of rows) uses[r.kind].push(r.name);
  return uses;
}

export interface CalendarRef {
  id: string;
  version: number;
  source: 'policy' | 'team' | 'default';
}

/**
 * Which calendar applies, in one round trip: the named one, else the team's, else the default. Only id and
 * version come back: callers cache the full calendar by both.
 */
export async function findApplicableCalendarRef(
  sql: Sql,
  q: { calendarId: string | null; teamId: string | null },
): Promise<CalendarRef | undefined> {
  return sql.one<CalendarRef>(
    `SELECT id, version, source FROM (
       SELECT c.id, c.version, 'policy' AS source, 1 AS rank FROM calendars c WHERE c.id = $1::uuid
       UNION ALL SELECT c.id, c.version, 'team', 2 FROM teams t JOIN calendars c ON c.id = t.calendar_id WHERE t.id = $2::uuid
       UNION ALL SELECT c.id, c.version, 'default', 3 FROM calendars c WHERE c.is_default
     ) x ORDER BY rank LIMIT 1`,
    [q.calendarId, q.teamId],
  );
}

/** The default calendar's id, if any. */
export async function findDefaultCalendarId(sql: Sql): Promise<string | null> {
  return (await sql.one<{ id: string }>('SELECT id FROM calendars WHERE is_default'))?.id ?? null;
}
