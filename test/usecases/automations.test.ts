import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAutomationWorker } from '../../src/jobs/automations.js';
import { inSavepoint } from '../../src/store/automations.js';
import type { Database } from '../../src/store/db.js';
import { createAutomation } from '../../src/usecases/automations/create-automation.js';
import { updateAutomationRule } from '../../src/usecases/automations/update-automation.js';
import { runEventAutomations } from '../../src/usecases/automations/run-event-automations.js';
import { runTimeAutomations } from '../../src/usecases/automations/run-time-automations.js';
import { createCalendar } from '../../src/usecases/calendars/create-calendar.js';
import { makeDeps, type Deps } from '../../src/usecases/deps.js';
import { addReply } from '../../src/usecases/tickets/add-reply.js';
import { changeTicketStatus } from '../../src/usecases/tickets/change-status.js';
import { updateTicket } from '../../src/usecases/tickets/update-ticket.js';
import { buildAgent, buildRequester, buildTeam, buildTicket, type BuiltAgent } from '../support/factories.js';
import { testDatabase, TestClock } from '../support/harness.js';

const HOUR = 3_600_000;
let db: Database;
let deps: Deps;
let admin: BuiltAgent;
let agent: BuiltAgent;
let team: string;
let requester: Awaited<ReturnType<typeof buildRequester>>;
let office: string;
// Monday 2 March 2026, 10:00 in Paris (UTC+1 until the 29th).
const clock = new TestClock(new Date('2026-03-02T09:00:00.000Z'));

beforeAll(async () => {
  db = await testDatabase();
  deps = makeDeps(db, { clock });
  admin = await buildAgent(deps, { role: 'admin' });
  team = (await buildTeam(deps, 'Support')).id;
  agent = await buildAgent(deps, { teamIds: [team] });
  requester = await buildRequester(deps);
  const weekday = [{ start: '09:00', end: '18:00' }];
  office = (await createCalendar(deps, admin.principal, {
    name: 'Bureau de Paris', timeZone: 'Europe/Paris', weekly: { 1: weekday, 2: weekday, 3: weekday, 4: weekday, 5: weekday },
    holidays: [], frenchHolidays: 'none',
  })).id;
});
afterAll(async () => db.close());

async function timeline(ticketId: string) {
  return db.query<{ kind: string; actor_kind: string; body: string | null; reason: string | null; data: { source?: { kind: string; name: string } } }>(
    'SELECT kind, actor_kind, body, reason, data FROM timeline_entries WHERE ticket_id = $1 ORDER BY seq', [ticketId]);
}
const fromRule = async (ticketId: string, name: string) => (await timeline(ticketId)).filter((e) => e.data.source?.name === name);
const queued = async () => (await db.one<{ n: number }>('SELECT count(*)::int AS n FROM automation_events'))!.n;
const deactivateAll = () => db.query('UPDATE automations SET active = false');

describe('event rules', () => {
  it('fire once per event and never on their own changes', async () => {
    await deactivateAll();
    const urgent = await createAutomation(deps, admin.principal, {
      name: 'Urgent', kind: 'event', active: true, events: ['ticket.created'], timing: null,
      conditions: { all: [], any: [{ field: 'text', op: 'contains_any', value: ['urgent', 'bloqué', 'down'] }] },
      actions: [{ type: 'add_tags', tags: ['urgent'] }, { type: 'set_urgency', urgency: 1 }],
    });
    // Listens to field changes: the tags the first rule adds must not wake it.
    const watcher = await createAutomation(deps, admin.principal, {
      name: 'Suivi des changements', kind: 'event', active: true, events: ['ticket.fields_changed', 'ticket.priority_changed'], timing: null,
      conditions: { all: [], any: [] }, actions: [{ type: 'note', body: { en: 'Fields changed' } }],
    });
    const hit = await buildTicket(deps, agent.principal, requester.id, { subject: 'Réseau BLOQUE', description: 'Plus rien ne passe', teamId: team });
    const miss = await buildTicket(deps, agent.principal, requester.id, { subject: 'Question', description: 'Comment faire ?', teamId: team });

    const first = await runEventAutomations(deps, 50);
    expect(first).toMatchObject({ events: 2, fired: 1, failures: [], more: false });
    const changes = await fromRule(hit.id, 'Urgent');
    expect(changes.length).toBeGreaterThan(0);
    expect(changes[0]!.reason).toBe('Automation «Urgent»: subject or text contains any of "urgent", "bloqué", "down" (found "bloqué")');
    const row = await db.one<{ tags: string[]; urgency: number }>('SELECT tags, urgency FROM tickets WHERE id = $1', [hit.id]);
    expect(row).toEqual({ tags: ['urgent'], urgency: 1 });
    expect(await fromRule(miss.id, 'Urgent')).toEqual([]);
    // The rule's own entries were not queued: nothing more happens.
    expect(await queued()).toBe(0);
    expect(await runEventAutomations(deps, 50)).toMatchObject({ events: 0, fired: 0 });
    expect(await fromRule(hit.id, 'Suivi des changements')).toEqual([]);

    // An agent's change is an event: the watcher fires once for it.
    await updateTicket(deps, agent.principal, miss.id, { tags: ['vpn'] });
    expect(await runEventAutomations(deps, 50)).toMatchObject({ events: 1, fired: 1 });
    expect((await fromRule(miss.id, 'Suivi des changements')).map((e) => e.kind)).toEqual(['ticket.noted']);
    expect(await runEventAutomations(deps, 50)).toMatchObject({ events: 0, fired: 0 });
    await updateAutomationRule(deps, admin.principal, urgent.id, { active: false });
    await updateAutomationRule(deps, admin.principal, watcher.id, { active: false });
  });

  it('drop the queue when no event rule is active, and take batches', async () => {
    await deactivateAll();
    await buildTicket(deps, agent.principal, requester.id, { subject: 'Sans règle' });
    expect(await queued()).toBeGreaterThan(0);
    expect((await runEventAutomations(deps, 50)).fired).toBe(0);
    expect(await queued()).toBe(0);

    await createAutomation(deps, admin.principal, {
      name: 'Tout', kind: 'event', active: true, events: ['ticket.created'], timing: null, conditions: { all: [], any: [] },
      actions: [{ type: 'add_tags', tags: ['vu'] }],
    });
    for (let i = 0; i < 3; i++) await buildTicket(deps, agent.principal, requester.id, { subject: `Lot ${i}` });
    expect(await runEventAutomations(deps, 2)).toMatchObject({ events: 2, fired: 2, more: true });
    expect(await runEventAutomations(deps, 2)).toMatchObject({ events: 1, fired: 1, more: false });
    await deactivateAll();
  });

  it('two workers draining at once handle each event once', async () => {
    await deactivateAll();
    await createAutomation(deps, admin.principal, {
      name: 'Accusé interne', kind: 'event', active: true, events: ['ticket.created'], timing: null,
      conditions: { all: [{ field: 'subject', op: 'contains', value: 'parallèle' }], any: [] },
      actions: [{ type: 'note', body: { fr: 'Vu' } }],
    });
    const tickets = [];
    for (let i = 0; i < 6; i++) tickets.push(await buildTicket(deps, agent.principal, requester.id, { subject: `Parallèle ${i}`, teamId: team }));
    const other = db.engine === 'postgres' ? makeDeps(db, { clock }) : deps;
    const runs = await Promise.all([runEventAutomations(deps, 2), runEventAutomations(other, 2), runEventAutomations(deps, 2), runEventAutomations(other, 2)]);
    const rest = await runEventAutomations(deps, 50);
    expect([...runs, rest].reduce((n, r) => n + r.fired, 0)).toBe(6);
    for (const t of tickets) expect(await fromRule(t.id, 'Accusé interne')).toHaveLength(1);
    await deactivateAll();
  });

  it('a failing step is undone alone: the rest of the transaction goes on', async () => {
    const outcome = await db.tx(async (sql) => {
      await sql.query("INSERT INTO settings (key, value, updated_at) VALUES ('test.savepoint', '1', now())");
      const failed = await inSavepoint(sql, () => sql.query('SELECT 1 / 0'));
      const ok = await inSavepoint(sql, async () => (await sql.one<{ x: number }>('SELECT 2 AS x'))!.x);
      return { failed, ok };
    });
    expect(outcome.failed.ok).toBe(false);
    expect(outcome.ok).toEqual({ ok: true, value: 2 });
    expect(await db.one("SELECT value FROM settings WHERE key = 'test.savepoint'")).toBeDefined();
  });
});

describe('time rules', () => {
  async function reminderRule(name: string, teamId: string = team) {
    return createAutomation(deps, admin.principal, {
      name, kind: 'time', active: true, events: [],
      timing: { since: 'status_changed', hours: 27, business: true, calendar_id: office },
      conditions: { all: [{ field: 'status', op: 'is', value: 'pending' }, { field: 'team_id', op: 'is', value: teamId }], any: [] },
      actions: [{ type: 'reply', body: { fr: 'Bonjour {{requester.first_name}}, avez-vous pu essayer ?', en: 'Hello {{requester.first_name}}, any news?' } }],
    });
  }

  it('pending 3 business days: one reminder, the weekend does not count, a new pending spell fires again', async () => {
    await deactivateAll();
    clock.set(new Date('2026-03-05T09:00:00.000Z')); // Thursday 10:00 in Paris
    const rule = await reminderRule('Relance');
    const ticket = await buildTicket(deps, agent.principal, requester.id, { subject: 'Imprimante', teamId: team });
    await changeTicketStatus(deps, agent.principal, ticket.id, { status: 'pending' });
    const pendingSince = clock.now();

    // Monday 18:00: 8 + 9 + 9 = 26 business hours, although more than four days have passed.
    clock.set(new Date('2026-03-09T17:00:00.000Z'));
    expect((await runTimeAutomations(deps)).fired).toBe(0);
    // Tuesday 10:30: 27 business hours and a half.
    clock.set(new Date('2026-03-10T09:30:00.000Z'));
    expect(await runTimeAutomations(deps)).toMatchObject({ fired: 1, failures: [] });
    expect(await runTimeAutomations(deps)).toMatchObject({ fired: 0, failures: [] });
    clock.advance(2 * HOUR);
    expect((await runTimeAutomations(deps)).fired).toBe(0);

    const replies = await fromRule(ticket.id, 'Relance');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ kind: 'ticket.replied', actor_kind: 'system' });
    expect(replies[0]!.body).toBe(`Bonjour ${requester.name.split(' ')[0]}, avez-vous pu essayer ?`);
    expect(replies[0]!.reason).toBe(
      `Automation «Relance»: pending for 3 business days (27 h) since ${pendingSince.toISOString()} (calendar «Bureau de Paris»); team is «Support»`);
    const runs = await db.query<{ key: string }>('SELECT key FROM automation_runs WHERE automation_id = $1', [rule.id]);
    expect(runs).toEqual([{ key: pendingSince.toISOString() }]);

    // The requester answers (pending → open); the agent waits on them again: a new spell, a new reminder.
    await addReply(deps, { kind: 'requester', id: requester.id, organizationId: null, seesOrganizationTickets: false, via: 'session' }, ticket.id, { body: 'Pas encore' });
    await changeTicketStatus(deps, agent.principal, ticket.id, { status: 'pending' });
    const secondSpell = clock.now();
    clock.advance(26 * HOUR); // from Tuesday 12:30 to Wednesday 14:30: 5.5 + 5.5 = 11 business hours
    expect((await runTimeAutomations(deps)).fired).toBe(0);
    clock.set(new Date('2026-03-13T12:30:00.000Z')); // Friday 13:30: 5.5 + 9 + 9 + 4.5 = 28
    expect((await runTimeAutomations(deps)).fired).toBe(1);
    const keys = await db.query<{ key: string }>('SELECT key FROM automation_runs WHERE automation_id = $1 ORDER BY key', [rule.id]);
    expect(keys.map((k) => k.key)).toEqual([pendingSince.toISOString(), secondSpell.toISOString()]);
    expect(await fromRule(ticket.id, 'Relance')).toHaveLength(2);
    await deactivateAll();
  });

  it('wall-clock rules: resolved for 5 days → closed; a rule that does not match leaves the ticket alone', async () => {
    await deactivateAll();
    clock.set(new Date('2026-04-01T08:00:00.000Z'));
    await createAutomation(deps, admin.principal, {
      name: 'Clôture', kind: 'time', active: true, events: [], timing: { since: 'status_changed', hours: 120, business: false },
      conditions: { all: [{ field: 'status', op: 'is', value: 'resolved' }], any: [] }, actions: [{ type: 'set_status', status: 'closed' }],
    });
    await createAutomation(deps, admin.principal, {
      name: 'VIP seulement', kind: 'time', active: true, events: [], timing: { since: 'created', hours: 1, business: false },
      conditions: { all: [{ field: 'tags', op: 'includes', value: 'vip' }], any: [] }, actions: [{ type: 'raise_priority' }],
    });
    const ticket = await buildTicket(deps, agent.principal, requester.id, { subject: 'Résolu', teamId: team });
    await changeTicketStatus(deps, agent.principal, ticket.id, { status: 'resolved' });
    clock.advance(119 * HOUR);
    expect((await runTimeAutomations(deps)).fired).toBe(0);
    clock.advance(2 * HOUR);
    expect((await runTimeAutomations(deps)).fired).toBe(1);
    const row = await db.one<{ status: string; priority: string }>('SELECT status, priority FROM tickets WHERE id = $1', [ticket.id]);
    expect(row).toEqual({ status: 'closed', priority: ticket.priority });
    const closing = await fromRule(ticket.id, 'Clôture');
    expect(closing[0]!.reason).toMatch(/^Automation «Clôture»: resolved for 5 days \(120 h\) since /);
    expect((await runTimeAutomations(deps)).fired).toBe(0);
    await deactivateAll();
  });

  it('two sweeps at once fire each rule once per ticket', async () => {
    await deactivateAll();
    clock.set(new Date('2026-05-04T08:00:00.000Z'));
    // Their own team: tickets left pending by the other tests stay out of the count.
    const own = (await buildTeam(deps, 'Concurrence')).id;
    const a = await reminderRule('Relance A', own);
    const b = await createAutomation(deps, admin.principal, {
      name: 'Note B', kind: 'time', active: true, events: [], timing: { since: 'status_changed', hours: 2, business: false },
      conditions: { all: [{ field: 'status', op: 'in', value: ['pending', 'on_hold'] }, { field: 'team_id', op: 'is', value: own }], any: [] },
      actions: [{ type: 'note', body: { en: 'Waiting for two hours' } }, { type: 'add_tags', tags: ['relance'] }],
    });
    const tickets = [];
    for (let i = 0; i < 4; i++) {
      const t = await buildTicket(deps, admin.principal, requester.id, { subject: `Concurrence ${i}`, teamId: own });
      await changeTicketStatus(deps, admin.principal, t.id, { status: 'pending' });
      tickets.push(t);
    }
    clock.advance(7 * 24 * HOUR);
    // Two "processes": separate handles on the same database where the engine allows it.
    const other = db.engine === 'postgres' ? makeDeps(db, { clock }) : deps;
    const [r1, r2] = await Promise.all([runTimeAutomations(deps), runTimeAutomations(other)]);
    expect([...r1.failures, ...r2.failures]).toEqual([]);
    expect(r1.fired + r2.fired).toBe(8);
    for (const t of tickets) {
      expect(await fromRule(t.id, 'Relance A')).toHaveLength(1);
      expect((await fromRule(t.id, 'Note B')).filter((e) => e.kind === 'ticket.noted')).toHaveLength(1);
    }
    const runs = await db.one<{ n: number }>('SELECT count(*)::int AS n FROM automation_runs WHERE automation_id = ANY($1::uuid[])', [[a.id, b.id]]);
    expect(runs!.n).toBe(8);
    expect((await runTimeAutomations(deps)).fired).toBe(0);
    await deactivateAll();
  });
});

describe('the automation worker', () => {
  it('drains the queue when woken and sweeps at start; stops cleanly', async () => {
    await deactivateAll();
    clock.set(new Date('2026-06-01T08:00:00.000Z'));
    await createAutomation(deps, admin.principal, {
      name: 'Étiquette worker', kind: 'event', active: true, events: ['ticket.created'], timing: null,
      conditions: { all: [{ field: 'subject', op: 'contains', value: 'worker' }], any: [] }, actions: [{ type: 'add_tags', tags: ['worker'] }],
    });
    const log = pino({ level: 'silent' });
    const worker = startAutomationWorker(deps, log, { eventPollMs: 60_000, sweepMs: 60_000 });
    try {
      const ticket = await buildTicket(deps, agent.principal, requester.id, { subject: 'Via le WORKER' });
      worker.wake();
      const deadline = Date.now() + 10_000;
      let tags: string[] = [];
      while (Date.now() < deadline) {
        tags = (await db.one<{ tags: string[] }>('SELECT tags FROM tickets WHERE id = $1', [ticket.id]))!.tags;
        if (tags.length) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(tags).toEqual(['worker']);
    } finally {
      await worker.stop();
    }
    await deactivateAll();
  });
});
