import { afterAll, beforeAll, expect, it } from 'vitest';
import { runMaintenance } from '../../src/jobs/maintenance.js';
import { insertSession } from '../../src/store/auth.js';
import type { Database } from '../../src/store/db.js';
import { makeDeps } from '../../src/usecases/deps.js';
import { buildAgent } from '../support/factories.js';
import { testDatabase } from '../support/harness.js';

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => db.close());

it('purges expired sessions, keeps live ones, and vacuums the embedded engine', async () => {
  const deps = makeDeps(db);
  const { agent } = await buildAgent(deps);
  const now = new Date('2026-03-10T12:00:00Z');
  const session = (id: string, expires: string) => insertSession(db, {
    id, principal_kind: 'agent', principal_id: agent.id, csrf_token: 'x', ip: null, user_agent: null,
    created_at: now, last_seen_at: now, expires_at: new Date(expires),
  });
  await session('expired', '2026-03-10T11:59:59Z');
  await session('live', '2026-03-11T00:00:00Z');
  const report = await runMaintenance(db, now);
  expect(report.sessionsPurged).toBe(1);
  expect(report.vacuumed).toBe(db.engine === 'embedded');
  const left = await db.query<{ id: string }>('SELECT id FROM sessions ORDER BY id');
  expect(left.map((r) => r.id)).toEqual(['live']);
});
