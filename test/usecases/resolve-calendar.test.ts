import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBusinessTime } from '../../src/domain/sla/calendar.js';
import type { Database } from '../../src/store/db.js';
import { createTeam } from '../../src/usecases/admin/create-team.js';
import { updateTeamProfile } from '../../src/usecases/admin/update-team.js';
import { createCalendar } from '../../src/usecases/calendars/create-calendar.js';
import { DEFAULT_CALENDAR, ensureDefaultCalendar } from '../../src/usecases/calendars/default-calendar.js';
import { resolveCalendar } from '../../src/usecases/calendars/resolve-calendar.js';
import { updateCalendar } from '../../src/usecases/calendars/update-calendar.js';
import { makeDeps, type Deps } from '../../src/usecases/deps.js';
import { buildAgent, type BuiltAgent } from '../support/factories.js';
import { testDatabase, TestClock } from '../support/harness.js';

let db: Database;
let deps: Deps;
let admin: BuiltAgent;
const at = new Date('2026-07-10T10:00:00Z');

beforeAll(async () => {
  db = await testDatabase();
  deps = makeDeps(db, { clock: new TestClock(new Date('2026-03-02T09:00:00Z')) });
  admin = await buildAgent(deps, { role: 'admin' });
});
afterAll(async () => db.close());

const day = [{ start: '08:00', end: '20:00' }];
const allWeek = { 1: day, 2: day, 3: day, 4: day, 5: day };

describe('resolveCalendar', () => {
  it('falls back to a built-in 24/7 Paris calendar when the help desk has none', async () => {
    const r = await resolveCalendar(db, { calendarId: null, teamId: null, at });
    expect(r).toMatchObject({ id: null, source: 'builtin', version: 0, calendar: { timeZone: 'Europe/Paris', holidays: [] } });
    expect(r.calendar.weekly[7]).toEqual([{ start: '00:00', end: '24:00' }]);
    expect((await resolveCalendar(db, { calendarId: null, teamId: null, at })).calendar).toBe(r.calendar);
  });

  it('creates the default calendar once, even when starts race, and never brings it back', async () => {
    const created = await Promise.all([ensureDefaultCalendar(deps), ensureDefaultCalendar(deps), ensureDefaultCalendar(deps)]);
    expect(created.sort()).toEqual([0, 0, 1]);
    const rows = await db.query<{ name: string; is_default: boolean; french_holidays: string }>('SELECT name, is_default, french_holidays FROM calendars');
    expect(rows).toEqual([{ name: 'Heures ouvrées Paris', is_default: true, french_holidays: 'metropolitan' }]);
    expect(await ensureDefaultCalendar(deps)).toBe(0);
  });

  it('resolves policy → team → default, with manual and French holidays for years around `at`', async () => {
    const teamCal = await createCalendar(deps, admin.principal, {
      name: 'Astreinte Lyon', timeZone: 'Europe/Paris', weekly: allWeek, frenchHolidays: 'alsace_moselle',
      holidays: [{ date: '2026-08-14', name: 'Pont' }],
    });
    const policyCal = await createCalendar(deps, admin.principal, {
      name: 'Contrat New York', timeZone: 'America/New_York', weekly: allWeek, frenchHolidays: 'none', holidays: [],
    });
    const withCal = await createTeam(deps, admin.principal, { name: 'Lyon', calendarId: teamCal.id });
    const without = await createTeam(deps, admin.principal, { name: 'Paris' });

    const def = await resolveCalendar(db, { calendarId: null, teamId: without.id, at });
    expect(def).toMatchObject({ name: DEFAULT_CALENDAR.name, source: 'default', version: 1 });
    expect(def.calendar.weekly[1]).toEqual([{ start: '09:00', end: '12:30' }, { start: '13:30', end: '18:00' }]);
    expect(def.calendar.holidays).toEqual(expect.arrayContaining(['2024-12-25', '2026-07-14', '2030-05-01']));
    expect(def.calendar.holidays).not.toContain('2023-12-25');
    expect(def.calendar.holidays).not.toContain('2031-01-01');
    expect(def.calendar.holidays).not.toContain('2026-12-26'); // Alsace-Moselle only

    const team = await resolveCalendar(db, { calendarId: null, teamId: withCal.id, at });
    expect(team).toMatchObject({ id: teamCal.id, name: 'Astreinte Lyon', source: 'team' });
    expect(team.calendar.holidays).toEqual(expect.arrayContaining(['2026-08-14', '2026-12-26', '2026-04-03']));

    const policy = await resolveCalendar(db, { calendarId: policyCal.id, teamId: withCal.id, at });
    expect(policy).toMatchObject({ id: policyCal.id, source: 'policy', calendar: { timeZone: 'America/New_York', holidays: [] } });
    // The deadline arithmetic takes what the resolver builds: from Thursday 20:00, Friday 14 August is closed, so
    // one business hour ends on Monday 17 at 09:00 (07:00Z); without the holiday it would be Friday 09:00.
    expect(addBusinessTime(team.calendar, new Date('2026-08-13T18:00:00Z'), 60 * 60_000).toISOString()).toBe('2026-08-17T07:00:00.000Z');
    expect(addBusinessTime(policy.calendar, new Date('2026-08-13T18:00:00Z'), 60 * 60_000).toISOString()).toBe('2026-08-13T19:00:00.000Z');
  });

  it('hands out the same calendar object until the calendar changes (the domain caches per object)', async () => {
    const cal = await createCalendar(deps, admin.principal, {
      name: 'Cache', timeZone: 'Europe/Paris', weekly: allWeek, frenchHolidays: 'none', holidays: [],
    });
    const team = await createTeam(deps, admin.principal, { name: 'Cache team' });
    await updateTeamProfile(deps, admin.principal, team.id, { calendarId: cal.id });
    const a = await resolveCalendar(db, { calendarId: null, teamId: team.id, at });
    const b = await resolveCalendar(db, { calendarId: cal.id, teamId: null, at });
    expect(b.calendar).toBe(a.calendar);
    expect([a.source, b.source]).toEqual(['team', 'policy']);

    await updateCalendar(deps, admin.principal, cal.id, { holidays: [{ date: '2026-07-15', name: 'Fermeture' }] });
    const c = await resolveCalendar(db, { calendarId: null, teamId: team.id, at });
    expect(c.version).toBe(2);
    expect(c.calendar).not.toBe(a.calendar);
    expect(c.calendar.holidays).toEqual(['2026-07-15']);
    expect((await resolveCalendar(db, { calendarId: null, teamId: team.id, at })).calendar).toBe(c.calendar);
  });
});
