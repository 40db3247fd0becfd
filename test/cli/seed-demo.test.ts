/**
 * The demo data set: what `relais seed-demo` and `serve --demo` load, checked on the database it produces.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SEED, seedDemoCommand, seedDemoIfEmpty, type SeedDemoResult } from '../../src/cli/seed-demo.js';
import { planRequesters } from '../../src/cli/demo-data/people.js';
import { planDemo } from '../../src/cli/demo-data/plan.js';
import { Prng } from '../../src/cli/demo-data/prng.js';
import { APP_SCENARIOS } from '../../src/cli/demo-data/scenarios-apps.js';
import { IT_SCENARIOS } from '../../src/cli/demo-data/scenarios-it.js';
import { CHANNELS, TICKET_STATUSES, TIERS } from '../../src/domain/ticket.js';
import { openDatabase, type Database } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { login } from '../../src/usecases/auth/login.js';
import { makeDeps } from '../../src/usecases/deps.js';
import { buildAgent, buildTeam } from '../support/factories.js';
import { freshPgDatabaseUrl, testConfig, testDatabase, testEngine } from '../support/harness.js';

let db: Database;
let result: SeedDemoResult;
const printed: string[] = [];
const DAY = 86_400_000;

const count = async (sqlText: string, params: unknown[] = []) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sqlText}`, params))[0]!.n;
const values = async (sqlText: string) => (await db.query<{ v: string }>(sqlText)).map((r) => r.v).sort();

beforeAll(async () => {
  db = await testDatabase();
  result = await seedDemoIfEmpty(makeDeps(db), { print: (t) => printed.push(t) });
}, 300_000);
afterAll(async () => db.close());

describe('demo data', () => {
  it('builds the service desk: five teams, agents of every tier and role, organizations and requesters', async () => {
    expect(result).toMatchObject({ seeded: true, tickets: 500 });
    expect(await values('SELECT name AS v FROM teams')).toEqual(['Applications L2', 'Engineering L3', 'Infrastructure', 'Network', 'Service desk L1']);
    expect(await count('agents')).toBeGreaterThanOrEqual(14);
    expect(await count("agents WHERE role = 'admin'")).toBe(1);
    expect(await count("agents WHERE role = 'manager'")).toBe(2);
    expect(await values('SELECT DISTINCT tier AS v FROM agents')).toEqual(['L1', 'L2', 'L3']);
    expect(await count("agents WHERE language = 'en'")).toBeGreaterThan(0);
    expect(await count('agents a WHERE NOT EXISTS (SELECT 1 FROM agent_teams t WHERE t.agent_id = a.id)')).toBe(0);
    expect(await count('organizations')).toBe(6);
    expect(await count('organizations WHERE requesters_see_org_tickets')).toBeGreaterThanOrEqual(2);
    expect(await count('requesters')).toBe(100);
    expect(await count('requesters WHERE organization_id IS NULL')).toBeGreaterThan(0);
    expect(await count("requester_identities WHERE kind = 'phone'")).toBeGreaterThan(20);
  });

  it('has a bilingual category tree', async () => {
    const paths = await values(
      `SELECT coalesce(p.name_fr || ' › ', '') || c.name_fr AS v FROM categories c LEFT JOIN categories p ON p.id = c.parent_id`,
    );
    for (const p of ['Réseau › VPN', 'Réseau › Wi-Fi', 'Impression', 'Postes de travail › Windows', 'Postes de travail › Linux', 'Comptes et accès', 'Applications métier']) {
      expect(paths).toContain(p);
    }
    expect(await count("categories WHERE name_en = 'Printing'")).toBe(1);
  });

  it('has the default skill catalogue, and every agent holds skills at levels (network team: Cisco experts)', async () => {
    expect(await count('skills')).toBe(28);
    expect(await count('agents a WHERE NOT EXISTS (SELECT 1 FROM agent_skills x WHERE x.agent_id = a.id)')).toBe(0);
    const cisco = await db.query<{ name: string; level: number }>(
      `SELECT a.name, x.level FROM agent_skills x JOIN agents a ON a.id = x.agent_id JOIN skills s ON s.id = x.skill_id
       WHERE s.name_en = 'Cisco' ORDER BY a.name`);
    expect(cisco.map((r) => `${r.name} ${r.level}`)).toEqual(['Antoine Girard 3', 'David Clarke 2', 'Karim Haddad 3', 'Sarah Thompson 2']);
    expect(await count("agent_skills x JOIN agents a ON a.id = x.agent_id WHERE a.tier = 'L3' AND x.level = 3")).toBeGreaterThanOrEqual(12);
  });

  it('has routing rules ending with the default one, skills from the catalogue, and teams at their level', async () => {
    const rules = await db.query<{ name: string; team: string | null; tier: string | null; skills: number; tags: string[] }>(
      `SELECT r.name, t.name AS team, r.tier, jsonb_array_length(r.required_skills)::int AS skills, r.tags
         FROM routing_rules r LEFT JOIN teams t ON t.id = r.team_id ORDER BY r.position`);
    expect(rules.length).toBeGreaterThanOrEqual(5);
    expect(rules.at(-1)).toMatchObject({ name: 'Service desk L1 (everything else)', team: 'Service desk L1', tier: 'L1', skills: 0 });
    expect(rules.find((r) => r.name === 'Matériel Cisco')).toMatchObject({ team: 'Network', tier: 'L2', skills: 2 });
    expect(rules.find((r) => r.tags.includes('urgent-phone'))).toMatchObject({ team: null });
    expect(await values("SELECT name || ' ' || coalesce(tier, '-') || ' ' || assignment_mode AS v FROM teams")).toEqual([
      'Applications L2 L2 push', 'Engineering L3 L3 pull', 'Infrastructure - push', 'Network - push', 'Service desk L1 L1 push',
    ]);
  });

  it('has the automations of the issue, active, with none of the seeded history queued for them', async () => {
    const rows = await db.query<{ kind: string; active: boolean; timing: { hours: number; business: boolean } | null }>(
      'SELECT kind, active, timing FROM automations ORDER BY position');
    expect(rows.map((r) => [r.kind, r.active, r.timing?.hours ?? null, r.timing?.business ?? null])).toEqual([
      ['event', true, null, null], ['time', true, 24, true], ['time', true, 56, true], ['time', true, 120, false],
    ]);
    expect(await count('automation_events')).toBe(0);
  });

  it('spreads 500 tickets over the past 8 weeks, across every status, channel, priority and tier', async () => {
    expect(await count('tickets')).toBe(500);
    expect(await values('SELECT DISTINCT status AS v FROM tickets')).toEqual([...TICKET_STATUSES].sort());
    expect(await values('SELECT DISTINCT channel AS v FROM tickets')).toEqual([...CHANNELS].sort());
    expect(await values('SELECT DISTINCT priority AS v FROM tickets')).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(await values('SELECT DISTINCT tier AS v FROM tickets')).toEqual([...TIERS].sort());
    expect(await values('SELECT DISTINCT type AS v FROM tickets')).toEqual(['incident', 'request']);
    const [span] = await db.query<{ oldest: Date; newest: Date }>('SELECT min(created_at) AS oldest, max(created_at) AS newest FROM tickets');
    expect(Date.now() - span!.oldest.getTime()).toBeGreaterThan(45 * DAY);
    expect(Date.now() - span!.oldest.getTime()).toBeLessThan(57 * DAY);
    expect(Date.now() - span!.newest.getTime()).toBeLessThan(4 * DAY);
    // Numbers follow creation time, as they would have.
    expect(await count('tickets a JOIN tickets b ON a.number < b.number AND a.created_at > b.created_at')).toBe(0);
    for (const brand of ['Cisco', 'Dell', 'HP', 'Lenovo']) expect(await count('tickets WHERE equipment_brand = $1', [brand])).toBeGreaterThan(0);
    // Mostly French, some English.
    const english = await count("tickets t JOIN requesters r ON r.id = t.requester_id WHERE r.language = 'en'");
    expect(english).toBeGreaterThan(25);
    expect(english).toBeLessThan(150);
    expect(await count("tickets WHERE subject ILIKE '%imprimante%'")).toBeGreaterThan(5);
    expect(await count("tickets WHERE search_vector @@ to_tsquery('relais_fr', 'reseau | vpn | wifi')")).toBeGreaterThan(10);
  });

  it('gives each ticket a timeline that fits its status', async () => {
    const kinds = await values('SELECT DISTINCT kind AS v FROM timeline_entries');
    for (const k of ['ticket.created', 'ticket.replied', 'ticket.noted', 'ticket.status_changed', 'ticket.assigned', 'ticket.tier_changed', 'ticket.team_changed', 'ticket.merged', 'ticket.linked']) {
      expect(kinds).toContain(k);
    }
    expect(await count("timeline_entries WHERE kind = 'ticket.replied' AND actor_kind = 'requester'")).toBeGreaterThan(100);
    expect(await count("timeline_entries WHERE kind = 'ticket.noted' AND visibility <> 'internal'")).toBe(0);
    expect(await count('timeline_entries e JOIN tickets t ON t.id = e.ticket_id WHERE e.created_at < t.created_at OR e.created_at > now()')).toBe(0);
    expect(await count('tickets t WHERE NOT EXISTS (SELECT 1 FROM timeline_entries e WHERE e.ticket_id = t.id)')).toBe(0);
    // Every ticket someone worked on was answered; new ones were not touched yet.
    expect(await count("tickets WHERE status <> 'new' AND merged_into_id IS NULL AND first_response_at IS NULL")).toBe(0);
    expect(await count("tickets WHERE status = 'new' AND (first_response_at IS NOT NULL OR assignee_id IS NOT NULL AND channel NOT IN ('phone', 'chat'))")).toBe(0);
    expect(await count("tickets WHERE status IN ('resolved', 'closed') AND merged_into_id IS NULL AND resolved_at IS NULL")).toBe(0);
    expect(await count("tickets WHERE status = 'closed' AND closed_at IS NULL")).toBe(0);
    // The status recorded last on the timeline is the ticket's status.
    const mismatched = await count(`tickets t WHERE t.merged_into_id IS NULL AND t.status <> coalesce(
      (SELECT e.data->>'to' FROM timeline_entries e WHERE e.ticket_id = t.id AND e.kind = 'ticket.status_changed' ORDER BY e.created_at DESC, e.seq DESC LIMIT 1), 'new')`);
    expect(mismatched).toBe(0);
    // Escalated tickets sit with an agent of the team they were escalated to.
    expect(await count("tickets t WHERE t.tier <> 'L1' AND t.merged_into_id IS NULL AND NOT EXISTS (SELECT 1 FROM agent_teams a WHERE a.agent_id = t.assignee_id AND a.team_id = t.team_id)")).toBe(0);
  });

  it('prints demo sign-ins that work', async () => {
    const text = printed.join('\n');
    expect(result.signIns).toHaveLength(4);
    const deps = makeDeps(db);
    for (const s of result.signIns!) {
      expect(text).toContain(s.email);
      expect(text).toContain(s.password);
      const r = await login(deps, { email: s.email, password: s.password, ip: null, userAgent: null, sessionTtlHours: 1 });
      expect(r.principal.kind).toBe(s.who.startsWith('Requester') ? 'requester' : 'agent');
    }
  });

  it('does nothing when run again: agents exist', async () => {
    const before = await count('tickets');
    const again = await seedDemoIfEmpty(makeDeps(db), { print: () => undefined });
    expect(again.seeded).toBe(false);
    expect(await count('tickets')).toBe(before);
    expect(await count('agents')).toBe(16);
  });

  it('plans the same data set on every run (seeded)', () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const plan = () => {
      const rng = new Prng(DEMO_SEED);
      return planDemo(rng, now, planRequesters(rng), [...IT_SCENARIOS, ...APP_SCENARIOS], 500);
    };
    expect(JSON.stringify(plan())).toBe(JSON.stringify(plan()));
  });
});

describe('refusing to mix demo data with real data', () => {
  it('serve --demo skips a database that has a team but no agent, and says why', async () => {
    const other = await testDatabase();
    try {
      await buildTeam(makeDeps(other), 'Support');
      const lines: string[] = [];
      const r = await seedDemoIfEmpty(makeDeps(other), { print: (t) => lines.push(t) });
      expect(r.seeded).toBe(false);
      expect(lines.join('\n')).toMatch(/Demo data not loaded: the database already has teams/);
    } finally {
      await other.close();
    }
  });

  it('relais seed-demo refuses a database that already has data', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-seed-'));
    try {
      const env: Record<string, string> = testEngine() === 'postgres' ? { DATABASE_URL: await freshPgDatabaseUrl() } : { RELAIS_DATA_DIR: dir };
      const config = testConfig(env);
      const target = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
      await migrate(target);
      await buildAgent(makeDeps(target), { role: 'admin' });
      await target.close();
      await expect(seedDemoCommand(config)).rejects.toThrow(/already has data \(agents\): demo data only loads into an empty database/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
