import { afterEach, expect, it } from 'vitest';
import type { Database } from '../../src/store/db.js';
import { listTeams } from '../../src/store/teams.js';
import { DEFAULT_TEAMS, ensureDefaultTeams } from '../../src/usecases/admin/default-teams.js';
import { makeDeps } from '../../src/usecases/deps.js';
import { buildTeam } from '../support/factories.js';
import { testDatabase } from '../support/harness.js';

let db: Database | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

it('creates the five default teams once per database, even when starts race', async () => {
  db = await testDatabase();
  const deps = makeDeps(db);
  const created = await Promise.all([ensureDefaultTeams(deps), ensureDefaultTeams(deps), ensureDefaultTeams(deps)]);
  expect(created.sort()).toEqual([0, 0, 5]);
  const names = (await listTeams(db)).map((t) => t.name).sort();
  expect(names).toEqual(Object.values(DEFAULT_TEAMS).map((t) => t.name).sort());
  // The three tiers name their support level; the specialist teams are outside the ladder.
  const tiers = Object.fromEntries((await listTeams(db)).map((t) => [t.name, t.tier]));
  expect(tiers).toEqual({ 'Service desk L1': 'L1', 'Applications L2': 'L2', 'Engineering L3': 'L3', Network: null, Infrastructure: null });
  const audit = await db.query<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'team.created' AND actor_kind = 'system'");
  expect(audit[0]!.n).toBe(5);
});

it('never brings back a default team an administrator removed', async () => {
  db = await testDatabase();
  const deps = makeDeps(db);
  await ensureDefaultTeams(deps);
  await db.query("DELETE FROM teams WHERE name = 'Network'");
  expect(await ensureDefaultTeams(deps)).toBe(0);
  expect((await listTeams(db)).map((t) => t.name)).not.toContain('Network');
});

it('leaves a database that already has its own teams alone', async () => {
  db = await testDatabase();
  const deps = makeDeps(db);
  await buildTeam(deps, 'Support France');
  expect(await ensureDefaultTeams(deps)).toBe(0);
  expect((await listTeams(db)).map((t) => t.name)).toEqual(['Support France']);
});
