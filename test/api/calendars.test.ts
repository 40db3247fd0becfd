import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildTeam, type BuiltAgent } from '../support/factories.js';
import { startTestApp, TestClock, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: BuiltAgent;
let manager: BuiltAgent;
let agent: BuiltAgent;

beforeAll(async () => {
  t = await startTestApp({ clock: new TestClock(new Date('2026-03-02T09:00:00Z')) });
  admin = await buildAgent(t.deps, { role: 'admin' });
  manager = await buildAgent(t.deps, { role: 'manager' });
  agent = await buildAgent(t.deps, { role: 'agent' });
});
afterAll(async () => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const call = (method: Method, url: string, who: BuiltAgent = admin, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${who.token}` }, ...(payload ? { payload } : {}) });
const importIcs = (id: string, ics: string, mode?: 'merge' | 'replace') =>
  t.app.inject({
    method: 'POST', url: `/api/v1/calendars/${id}/import${mode ? `?mode=${mode}` : ''}`,
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'text/calendar; charset=utf-8' }, payload: ics,
  });

const office = [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '18:00' }];
const OFFICE_WEEK = { 1: office, 2: office, 3: office, 4: office, 5: office };
let n = 0;
const create = async (body: object = {}) => {
  const res = await call('POST', '/calendars', admin, { name: `Calendrier ${++n}`, time_zone: 'Europe/Paris', weekly: OFFICE_WEEK, ...body });
  expect(res.statusCode).toBe(201);
  return res.json();
};
const defaults = async () =>
  (await t.db.query<{ id: string }>('SELECT id FROM calendars WHERE is_default')).map((r) => r.id);

describe('calendars: create, read, change', () => {
  it('creates a calendar (the first becomes the default), lists it for managers only, audits the change', async () => {
    expect((await call('POST', '/calendars', manager, { name: 'X', time_zone: 'Europe/Paris', weekly: {} })).statusCode).toBe(403);
    const cal = await create({ name: 'Heures de bureau', holidays: [{ date: '2026-12-24', name: 'Réveillon' }], french_holidays: 'metropolitan' });
    expect(cal).toMatchObject({
      name: 'Heures de bureau', time_zone: 'Europe/Paris', is_default: true, version: 1, french_holidays: 'metropolitan',
      weekly: { 1: office, 5: office, 6: [], 7: [] }, holidays: [{ date: '2026-12-24', name: 'Réveillon', source: 'manual' }],
    });
    expect((await create()).is_default).toBe(false);
    expect(await defaults()).toEqual([cal.id]);

    const list = await call('GET', '/calendars', manager);
    expect(list.statusCode).toBe(200);
    expect(list.json().data[0]).toMatchObject({ id: cal.id, is_default: true });
    expect((await call('GET', '/calendars', agent)).statusCode).toBe(403);
    expect((await call('GET', `/calendars/${cal.id}`, manager)).json().name).toBe('Heures de bureau');
    expect((await call('GET', '/calendars/0190a3c2-0000-7000-8000-000000000000', manager)).json().error.code).toBe('CALENDAR_NOT_FOUND');
    const dup = await call('POST', '/calendars', admin, { name: 'HEURES DE BUREAU', time_zone: 'UTC', weekly: {} });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details).toEqual([{ path: 'name', message: 'already used' }]);
    const audit = await t.db.query('SELECT actor_id FROM audit_log WHERE action = $1 AND target_id = $2', ['calendar.created', cal.id]);
    expect(audit).toEqual([{ actor_id: admin.agent.id }]);
  });

  it('refuses a bad calendar with INVALID_CALENDAR and a path for each problem', async () => {
    const res = await call('POST', '/calendars', admin, {
      name: 'Cassé', time_zone: 'Europe/Pariss',
      weekly: { 1: [{ start: '9:00', end: '18:00' }], 2: [{ start: '14:00', end: '12:00' }], 3: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '18:00' }] },
      holidays: [{ date: '2026-02-30', name: 'Impossible' }, { date: '2026-05-01', name: ' ' }],
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('INVALID_CALENDAR');
    expect(error.details.map((d: { path: string }) => d.path)).toEqual([
      'time_zone', 'weekly.1.0.start', 'weekly.2.0', 'weekly.3.1', 'holidays.0.date', 'holidays.1.name',
    ]);
    expect(error.details[0].message).toMatch(/Unknown time zone/);
    // The schema bounds shapes: an unknown weekday key is refused before the domain sees it.
    expect((await call('POST', '/calendars', admin, { name: 'Huit', time_zone: 'UTC', weekly: { 8: [] } })).json().error.code).toBe('VALIDATION_FAILED');
    expect((await t.db.query("SELECT 1 FROM calendars WHERE name = 'Cassé'")).length).toBe(0);
  });

  it('replaces content on PATCH, bumps the version, refuses a stale version and duplicate dates', async () => {
    const cal = await create();
    const saturday = [{ start: '10:00', end: '16:00' }];
    const res = await call('PATCH', `/calendars/${cal.id}`, admin, { weekly: { ...OFFICE_WEEK, 6: saturday }, version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, weekly: { 6: saturday }, name: cal.name });
    const stale = await call('PATCH', `/calendars/${cal.id}`, admin, { name: 'Trop tard', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details).toEqual([{ path: 'version', message: 'stale version' }]);
    const twice = await call('PATCH', `/calendars/${cal.id}`, admin, {
      holidays: [{ date: '2026-08-14', name: 'Pont' }, { date: '2026-08-14', name: 'Pont encore' }],
    });
    expect(twice.json().error).toMatchObject({ code: 'INVALID_CALENDAR', details: [{ path: 'holidays.1.date' }] });
    expect((await call('PATCH', `/calendars/${cal.id}`, manager, { name: 'Non' })).statusCode).toBe(403);
    expect((await call('GET', `/calendars/${cal.id}`)).json().version).toBe(2);
    const audit = await t.db.query<{ data: { version: number; changed: string[] } }>(
      'SELECT data FROM audit_log WHERE action = $1 AND target_id = $2', ['calendar.updated', cal.id]);
    expect(audit.map((a) => a.data)).toEqual([expect.objectContaining({ version: 2, changed: ['weekly'] })]);
  });
});

describe('calendars: default and deletion', () => {
  it('switches the default (exactly one) and refuses to delete the default or a calendar in use', async () => {
    const [first] = await defaults();
    const other = await create();
    const switched = await call('POST', `/calendars/${other.id}/default`);
    expect(switched.json()).toMatchObject({ id: other.id, is_default: true });
    expect(await defaults()).toEqual([other.id]);
    expect((await call('GET', `/calendars/${first}`)).json().is_default).toBe(false);
    expect((await call('POST', `/calendars/${other.id}/default`, manager)).statusCode).toBe(403);

    const refusedDefault = await call('DELETE', `/calendars/${other.id}`);
    expect(refusedDefault.statusCode).toBe(409);
    expect(refusedDefault.json().error).toMatchObject({ code: 'CALENDAR_IN_USE', details: { is_default: true } });

    const used = await create();
    const team = await buildTeam(t.deps, 'Support Lyon');
    expect((await call('PATCH', `/teams/${team.id}`, admin, { calendar_id: used.id })).json().calendar_id).toBe(used.id);
    const policyId = t.deps.newId();
    await t.db.query(
      `INSERT INTO sla_policies (id, name, position, calendar_id, targets, created_at, updated_at)
       VALUES ($1, 'Contrat Or', 1, $2, '{}', now(), now())`, [policyId, used.id]);
    const refused = await call('DELETE', `/calendars/${used.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'CALENDAR_IN_USE', details: { is_default: false, teams: ['Support Lyon'], policies: ['Contrat Or'], automations: [] },
    });
    await t.db.query('DELETE FROM sla_policies WHERE id = $1', [policyId]);
    await call('PATCH', `/teams/${team.id}`, admin, { calendar_id: null });
    expect((await call('DELETE', `/calendars/${used.id}`, manager)).statusCode).toBe(403);
    expect((await call('DELETE', `/calendars/${used.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/calendars/${used.id}`)).statusCode).toBe(404);
    const audit = await t.db.query('SELECT action FROM audit_log WHERE target_id = $1 ORDER BY seq', [used.id]);
    expect(audit.map((a) => a.action)).toEqual(['calendar.created', 'calendar.deleted']);
  });
});

const ICS = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Relais test//Jours fermés//FR', 'CALSCALE:GREGORIAN',
  // A multi-day closure: DTEND is exclusive, so 24, 25 and 26 December.
  'BEGIN:VEVENT', 'UID:noel-2026@client.test', 'DTSTAMP:20260101T080000Z', 'DTSTART;VALUE=DATE:20261224',
  'DTEND;VALUE=DATE:20261227', 'SUMMARY:Fermeture de fin d’année', 'END:VEVENT',
  // A yearly company day since 2019: expanded from this year (2026) through 2031.
  'BEGIN:VEVENT', 'UID:fete@client.test', 'DTSTAMP:20260101T080000Z', 'DTSTART;VALUE=DATE:20190612',
  'DTEND;VALUE=DATE:20190613', 'RRULE:FREQ=YEARLY', 'SUMMARY:Fête de l’entreprise', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:pont@client.test', 'DTSTAMP:20260101T080000Z', 'DTSTART;VALUE=DATE:20260515', 'SUMMARY:Pont de l’Ascension', 'END:VEVENT',
  // A timed event is not a closed day.
  'BEGIN:VEVENT', 'UID:reunion@client.test', 'DTSTAMP:20260101T080000Z', 'DTSTART:20260320T090000Z',
  'DTEND:20260320T100000Z', 'SUMMARY:Réunion d’équipe', 'END:VEVENT',
  'END:VCALENDAR', '',
].join('\r\n');

describe('calendars: iCalendar import', () => {
  it('imports all-day, multi-day and yearly events, merges by date and replaces imported dates only', async () => {
    const cal = await create({ holidays: [{ date: '2026-12-25', name: 'Noël (manuel)' }] });
    const res = await importIcs(cal.id, ICS);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ added: 9, removed: 0, skipped: 1, invalid: 1 });
    expect(report.notes).toEqual([expect.stringContaining('Réunion d’équipe')]);
    expect(report.calendar.version).toBe(2);
    expect(report.calendar.holidays.map((h: { date: string }) => h.date)).toEqual([
      '2026-05-15', '2026-06-12', '2026-12-24', '2026-12-25', '2026-12-26',
      '2027-06-12', '2028-06-12', '2029-06-12', '2030-06-12', '2031-06-12',
    ]);
    expect(report.calendar.holidays).toContainEqual({ date: '2026-12-25', name: 'Noël (manuel)', source: 'manual' });
    expect(report.calendar.holidays).toContainEqual({ date: '2026-12-24', name: 'Fermeture de fin d’année', source: 'ical' });

    const again = (await importIcs(cal.id, ICS, 'merge')).json();
    expect(again).toMatchObject({ added: 0, skipped: 10, invalid: 1, calendar: { version: 2 } });

    const smaller = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//t//FR', 'BEGIN:VEVENT', 'UID:x@client.test', 'DTSTAMP:20260101T080000Z',
      'DTSTART;VALUE=DATE:20260814', 'SUMMARY:Pont du 15 août', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    const replaced = (await importIcs(cal.id, smaller, 'replace')).json();
    expect(replaced).toMatchObject({ added: 1, removed: 9, skipped: 0, calendar: { version: 3 } });
    expect(replaced.calendar.holidays).toEqual([
      { date: '2026-08-14', name: 'Pont du 15 août', source: 'ical' },
      { date: '2026-12-25', name: 'Noël (manuel)', source: 'manual' },
    ]);
    const audit = await t.db.query<{ data: { mode: string } }>(
      'SELECT data FROM audit_log WHERE action = $1 AND target_id = $2 ORDER BY seq', ['calendar.holidays_imported', cal.id]);
    expect(audit.map((a) => a.data.mode)).toEqual(['merge', 'merge', 'replace']);
  });

  it('refuses a broken file and changes nothing; wants text/calendar; admins only', async () => {
    const cal = await create();
    const broken = await importIcs(cal.id, 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260101\r\n');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toMatchObject({ code: 'INVALID_CALENDAR', message: expect.stringMatching(/not valid iCalendar/) });
    expect((await importIcs(cal.id, 'Bonjour, voici nos congés')).json().error.code).toBe('INVALID_CALENDAR');
    expect((await importIcs(cal.id, 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:X\r\nEND:VCARD\r\n')).json().error.message).toMatch(/BEGIN:VCALENDAR/);
    expect((await call('GET', `/calendars/${cal.id}`)).json()).toMatchObject({ version: 1, holidays: [] });
    const json = await call('POST', `/calendars/${cal.id}/import`, admin, { ics: ICS });
    expect(json.statusCode).toBe(415);
    const asManager = await t.app.inject({
      method: 'POST', url: `/api/v1/calendars/${cal.id}/import`,
      headers: { authorization: `Bearer ${manager.token}`, 'content-type': 'text/calendar' }, payload: ICS,
    });
    expect(asManager.statusCode).toBe(403);
  });
});

describe('calendars: preview', () => {
  it('shows each local day with its spans across the spring DST change and a French holiday', async () => {
    const allDay = [{ start: '00:00', end: '24:00' }];
    // Office hours on weekdays, open around the clock on Sundays, closed on Saturdays; French public holidays.
    const cal = await create({ weekly: { ...OFFICE_WEEK, 7: allDay }, french_holidays: 'metropolitan' });
    const res = await call('GET', `/calendars/${cal.id}/preview?from=2026-03-27&days=14`, manager);
    expect(res.statusCode).toBe(200);
    const preview = res.json();
    expect(preview).toMatchObject({ calendar_id: cal.id, time_zone: 'Europe/Paris' });
    const day = (date: string) => preview.days.find((d: { date: string }) => d.date === date);
    expect(preview.days).toHaveLength(14);
    expect(day('2026-03-27')).toMatchObject({
      weekday: 5, holiday: null, business_minutes: 480,
      spans: [
        { start: '2026-03-27T08:00:00.000Z', end: '2026-03-27T11:30:00.000Z', local_start: '09:00', local_end: '12:30' },
        { start: '2026-03-27T12:30:00.000Z', end: '2026-03-27T17:00:00.000Z', local_start: '13:30', local_end: '18:00' },
      ],
    });
    expect(day('2026-03-28')).toMatchObject({ weekday: 6, spans: [], business_minutes: 0 });
    // Spring forward: the Sunday lasts 23 hours.
    expect(day('2026-03-29')).toMatchObject({
      weekday: 7, business_minutes: 23 * 60,
      spans: [{ start: '2026-03-28T23:00:00.000Z', end: '2026-03-29T22:00:00.000Z', local_start: '00:00', local_end: '24:00' }],
    });
    expect(day('2026-03-30').spans[0]).toMatchObject({ start: '2026-03-30T07:00:00.000Z', local_start: '09:00' });
    expect(day('2026-04-06')).toMatchObject({
      weekday: 1, spans: [], business_minutes: 0,
      holiday: { name: 'Lundi de Pâques', source: 'french', names: { fr: 'Lundi de Pâques', en: 'Easter Monday' } },
    });
    const total = preview.days.reduce((sum: number, d: { business_minutes: number }) => sum + d.business_minutes, 0);
    // 27 March – 9 April: 9 office days of 8 h (Easter Monday closed), Sundays of 23 h and 24 h.
    expect(total).toBe(9 * 480 + 23 * 60 + 24 * 60);
    expect(preview.business_minutes).toBe(total);

    expect((await call('GET', `/calendars/${cal.id}/preview?from=2026-03-27&days=32`, manager)).statusCode).toBe(400);
    expect((await call('GET', `/calendars/${cal.id}/preview?from=2026-02-30`, manager)).json().error.code).toBe('VALIDATION_FAILED');
    expect((await call('GET', `/calendars/${cal.id}/preview`, agent)).statusCode).toBe(403);
    const today = (await call('GET', `/calendars/${cal.id}/preview`, manager)).json();
    expect(today.days).toHaveLength(14);
    expect(today.days[0].date).toBe('2026-03-02');
  });
});

describe('teams: calendar and lead', () => {
  it('sets and clears a team calendar and lead, refusing unknown calendars and non-members', async () => {
    const cal = await create();
    const unknown = await call('POST', '/teams', admin, { name: 'Sans calendrier', calendar_id: '0190a3c2-0000-7000-8000-000000000000' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'CALENDAR_NOT_FOUND', details: [{ path: 'calendar_id' }] });
    const created = await call('POST', '/teams', admin, { name: 'Support Bordeaux', calendar_id: cal.id });
    expect(created.statusCode).toBe(201);
    const team = created.json();
    expect(team).toMatchObject({ calendar_id: cal.id, lead_id: null });

    const outsider = await buildAgent(t.deps, { role: 'agent' });
    const member = await buildAgent(t.deps, { role: 'agent', teamIds: [team.id] });
    const refused = await call('PATCH', `/teams/${team.id}`, admin, { lead_id: outsider.agent.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'INVALID_ASSIGNMENT', details: [{ path: 'lead_id' }] });
    expect(refused.json().error.message).toMatch(/not a member/);
    const led = await call('PATCH', `/teams/${team.id}`, admin, { lead_id: member.agent.id });
    expect(led.json()).toMatchObject({ lead_id: member.agent.id, calendar_id: cal.id });
    await call('PATCH', `/agents/${member.agent.id}`, admin, { active: false });
    const disabled = await call('PATCH', `/teams/${team.id}`, admin, { lead_id: member.agent.id });
    expect(disabled.json().error.message).toMatch(/disabled/);

    const cleared = await call('PATCH', `/teams/${team.id}`, admin, { calendar_id: null, lead_id: null });
    expect(cleared.json()).toMatchObject({ calendar_id: null, lead_id: null, name: 'Support Bordeaux' });
    const list = (await call('GET', '/teams', agent)).json().data;
    expect(list).toContainEqual(expect.objectContaining({ id: team.id, calendar_id: null, lead_id: null }));
    const audit = await t.db.query<{ data: object }>('SELECT data FROM audit_log WHERE action = $1 AND target_id = $2 ORDER BY seq', ['team.updated', team.id]);
    expect(audit.map((a) => a.data)).toEqual([{ lead_id: member.agent.id }, { calendar_id: null, lead_id: null }]);
  });
});
