import { afterEach, expect, it } from 'vitest';
import type { Database } from '../../src/store/db.js';
import { listRoutingRules } from '../../src/store/routing-rules.js';
import { ensureDefaultTeams } from '../../src/usecases/admin/default-teams.js';
import { makeDeps } from '../../src/usecases/deps.js';
import { DEFAULT_ROUTING_RULE_NAME, ensureDefaultRoutingRule } from '../../src/usecases/routing-rules/default-rule.js';
import { buildTeam } from '../support/factories.js';
import { testDatabase } from '../support/harness.js';

let db: Database | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

it('sends everything else to the L1 service desk, once per database even when starts race', async () => {
  db = await testDatabase();
  const deps = makeDeps(db);
  await ensureDefaultTeams(deps);
  const created = await Promise.all([ensureDefaultRoutingRule(deps), ensureDefaultRoutingRule(deps), ensureDefaultRoutingRule(deps)]);
  expect(created.sort()).toEqual([0, 0, 1]);
  const rules = await listRoutingRules(db);
  const l1 = await db.one<{ id: string }>("SELECT id FROM teams WHERE name = 'Service desk L1'");
  expect(rules).toHaveLength(1);
  expect(rules[0]).toMatchObject({
    name: DEFAULT_ROUTING_RULE_NAME, position: 1, active: true, conditions: {},
    outcome: { team_id: l1!.id, tier: 'L1', required_skills: [], priority_adjust: null, tags: [] },
  });
  const audit = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'routing_rule.created' AND actor_kind = 'system'");
  expect(audit[0]!.n).toBe(1);
});

it('creates nothing without an L1 team, and does not try again later', async () => {
  db = await testDatabase();
  const deps = makeDeps(db);
  await buildTeam(deps, 'Support France');
  expect(await ensureDefaultRoutingRule(deps)).toBe(0);
  await db.query("UPDATE teams SET tier = 'L1'");
  expect(await ensureDefaultRoutingRule(deps)).toBe(0);
  expect(await listRoutingRules(db)).toEqual([]);
});
