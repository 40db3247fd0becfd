/**
 * Backup and restore across engines: an embedded database full of real data moves to a PostgreSQL server and
 * back (postgres runs), or to another embedded database and back (embedded runs), with nothing lost.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError, restoreBackup, writeBackup } from '../../src/store/backup.js';
import { listSequences, listTables, readSequence, tablesWithRows, type SequenceValue, NOT_BACKED_UP } from '../../src/store/backup-catalog.js';
import { openDatabase, type Database } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { putSetting } from '../../src/store/settings.js';
import { createCategory } from '../../src/usecases/admin/create-category.js';
import { login } from '../../src/usecases/auth/login.js';
import { createTicket } from '../../src/usecases/create-ticket.js';
import { makeDeps, type Deps } from '../../src/usecases/deps.js';
import { createOrganization } from '../../src/usecases/directory/create-organization.js';
import { addNote } from '../../src/usecases/tickets/add-note.js';
import { addReply } from '../../src/usecases/tickets/add-reply.js';
import { changeTicketStatus } from '../../src/usecases/tickets/change-status.js';
import { linkTickets } from '../../src/usecases/tickets/link-tickets.js';
import { mergeTickets } from '../../src/usecases/tickets/merge-tickets.js';
import { buildAgent, buildRequester, buildTeam, buildTicket, TEST_PASSWORD } from '../support/factories.js';
import { freshPgDatabaseUrl, TestClock, testEngine } from '../support/harness.js';

let dir: string;
let source: Database;
let deps: Deps;
const opened: Database[] = [];

/** A migrated embedded database in its own data directory, as `relais` would open it. */
async function embedded(name: string): Promise<Database> {
  const db = await openDatabase({ databaseUrl: null, dataDir: path.join(dir, name) });
  opened.push(db);
  await migrate(db);
  return db;
}

/** A migrated database on the engine this run targets: a PostgreSQL server when there is one. */
async function target(name: string): Promise<Database> {
  if (testEngine() === 'embedded') return embedded(name);
  const db = await openDatabase({ databaseUrl: await freshPgDatabaseUrl(), dataDir: null, poolSize: 2 });
  opened.push(db);
  await migrate(db);
  return db;
}

interface Snapshot {
  tables: Record<string, string[]>;
  sequences: Record<string, SequenceValue>;
}

/** Every row of every table as JSON text in key order (UTC, so both engines write time the same way). */
async function snapshot(db: Database): Promise<Snapshot> {
  return db.tx(async (sql) => {
    await sql.query("SET LOCAL TimeZone = 'UTC'");
    const tables: Record<string, string[]> = {};
    for (const t of await listTables(sql)) {
      const order = t.keyColumns.map((c) => `"${c}"`).join(', ');
      const rows = await sql.query<{ j: string }>(`SELECT to_jsonb(x)::text AS j FROM "${t.name}" x ORDER BY ${order}`);
      tables[t.name] = rows.map((r) => r.j);
    }
    const sequences: Record<string, SequenceValue> = {};
    for (const s of await listSequences(sql)) sequences[s] = await readSequence(sql, s);
    return { tables, sequences };
  });
}

/** Fills the source with everything the product writes: people, teams, tokens, sessions, tickets, timelines… */
async function populate(): Promise<void> {
  const clock = new TestClock();
  deps = makeDeps(source, { clock });
  const admin = await buildAgent(deps, { role: 'admin' });
  const team = await buildTeam(deps, 'Réseau N2');
  const l2 = await buildAgent(deps, { teamIds: [team.id], tier: 'L2' });
  const org = await createOrganization(deps, admin.principal, { name: 'Mairie de Lyon', domain: 'lyon.fr', requestersSeeOrgTickets: true });
  const root = await createCategory(deps, admin.principal, { nameFr: 'Réseau', nameEn: 'Network' });
  const vpn = await createCategory(deps, admin.principal, { nameFr: 'VPN', nameEn: 'VPN', parentId: root.id });
  const alice = await buildRequester(deps, { organizationId: org.id, email: 'alice@lyon.fr' });
  const bob = await buildRequester(deps, { withPassword: false });
  await putSetting(source, 'priority_matrix', [['P1', 'P1', 'P2'], ['P2', 'P3', 'P4'], ['P3', 'P4', 'P4']], clock.now());
  await putSetting(source, 'demo.json_null', null, clock.now());
  await putSetting(source, 'demo.text', "l'imprimante \"HP\" ✓", clock.now());
  await login(deps, { email: alice.email, password: TEST_PASSWORD, ip: '10.0.0.1', userAgent: 'vitest', sessionTtlHours: 24 });
  await login(deps, { email: alice.email, password: 'wrong password!', ip: '10.0.0.1', userAgent: 'vitest', sessionTtlHours: 24 }).catch(() => undefined);

  const tickets = [];
  for (let i = 0; i < 7; i++) {
    clock.advance(3_600_000);
    tickets.push(
      await buildTicket(deps, admin.principal, i % 2 ? alice.id : bob.id, {
        subject: `Réseau coupé au bâtiment ${i} — VPN Cisco AnyConnect`,
        description: 'Le VPN se déconnecte toutes les 5 minutes.\nÉcran : « erreur 412 ».',
        categoryId: i % 2 ? vpn.id : root.id,
        tags: ['vpn', `site-${i}`],
        teamId: i > 3 ? team.id : null,
        assigneeId: i > 4 ? l2.agent.id : null,
        tier: i > 3 ? 'L2' : 'L1',
        equipmentBrand: 'Cisco',
        equipmentModel: 'ASA 5506',
        channel: (['email', 'phone', 'chat', 'api'] as const)[i % 4],
        urgency: ((i % 3) + 1) as 1 | 2 | 3,
      }),
    );
  }
  const claim = { principal: `agent:${admin.agent.id}`, key: 'k-1', route: 'POST /tickets', requestHash: 'h' };
  await createTicket(deps, admin.principal, { subject: 'Idempotent', requesterId: bob.id, idempotency: claim });
  await source.query("INSERT INTO idempotency_keys (principal, key, route, request_hash, response, created_at) VALUES ('x', 'json-null', 'r', 'h', 'null'::jsonb, now())");
  for (const t of tickets.slice(0, 4)) {
    clock.advance(60_000);
    await addReply(deps, admin.principal, t.id, { body: `Bonjour, pouvez-vous redémarrer le poste ${t.number} ?` });
    await addNote(deps, admin.principal, t.id, { body: 'Note interne : firmware ASA à jour ?' });
  }
  await addReply(deps, { kind: 'requester', id: alice.id, organizationId: org.id, seesOrganizationTickets: true, via: 'session' }, tickets[1]!.id, { body: "Merci, c'est reparti." });
  await changeTicketStatus(deps, admin.principal, tickets[1]!.id, { status: 'resolved' });
  await changeTicketStatus(deps, admin.principal, tickets[1]!.id, { status: 'closed' });
  // Older tickets merged into newer ones, so a row references one that comes later in key order.
  await mergeTickets(deps, admin.principal, tickets[0]!.id, { into: tickets[6]!.id, reason: 'doublon' });
  await mergeTickets(deps, admin.principal, tickets[2]!.id, { into: tickets[5]!.id });
  await linkTickets(deps, admin.principal, tickets[3]!.id, { kind: 'related', ticket: tickets[4]!.id });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-backup-test-'));
  source = await embedded('source');
  await populate();
});

afterAll(async () => {
  for (const db of opened) await db.close().catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

const file = (name: string) => path.join(dir, name);
const gz = (text: string) => zlib.gzipSync(Buffer.from(text));
const halve = (b: Buffer) => b.subarray(0, Math.floor(b.length / 2));
const gunzipLines = (f: string) => zlib.gunzipSync(fs.readFileSync(f)).toString('utf8').split('\n');

describe('relais backup / restore', () => {
  it(`moves an embedded database to ${testEngine() === 'postgres' ? 'a PostgreSQL server' : 'another embedded database'} and back with nothing lost`, async () => {
    const before = await snapshot(source);
    for (const t of ['tickets', 'timeline_entries', 'requesters', 'requester_identities', 'organizations', 'categories', 'agents', 'agent_teams', 'api_tokens', 'sessions', 'audit_log', 'settings', 'login_attempts', 'idempotency_keys', 'ticket_links']) {
      expect(before.tables[t]?.length, t).toBeGreaterThan(0);
    }
    const first = await writeBackup(source, file('a.ndjson.gz'), { createdAt: new Date('2026-03-10T08:00:00Z'), batchRows: 2 });
    expect(first.rows).toBe(Object.values(before.tables).reduce((n, r) => n + r.length, 0));
    const header = JSON.parse(gunzipLines(file('a.ndjson.gz'))[0]!);
    expect(header).toMatchObject({ format: 'relais-backup', version: 1, schema_version: MIGRATIONS.at(-1)!.version, engine: 'embedded', created_at: '2026-03-10T08:00:00.000Z' });
    expect(header.tables).not.toContain('schema_migrations');

    const middle = await target('middle');
    const restored = await restoreBackup(middle, file('a.ndjson.gz'), { batchRows: 2 });
    expect(restored.rows).toBe(first.rows);
    expect(await snapshot(middle)).toEqual(before);

    await writeBackup(middle, file('b.ndjson.gz'), { createdAt: new Date() });
    const back = await embedded('back');
    await restoreBackup(back, file('b.ndjson.gz'));
    const after = await snapshot(back);
    expect(after).toEqual(before);

    // Numbering continues after the restored tickets; the timeline's sequence too.
    const maxNumber = Math.max(...before.tables.tickets!.map((j) => JSON.parse(j).number as number));
    const backDeps = makeDeps(back);
    const admin = JSON.parse(before.tables.agents!.find((j) => JSON.parse(j).role === 'admin')!);
    const requester = JSON.parse(before.tables.requesters![0]!);
    const { ticket } = await createTicket(backDeps, { kind: 'agent', id: admin.id, role: 'admin', teamIds: [], scopes: null, via: 'session' }, { subject: 'Après restauration', requesterId: requester.id });
    expect(ticket.number).toBe(maxNumber + 1);
    const seqs = await back.query<{ seq: number }>('SELECT max(seq)::int AS seq FROM timeline_entries');
    expect(seqs[0]!.seq).toBe(Number(before.sequences.timeline_entries_seq_seq!.value) + 1);
  });

  it('orders tables so that referenced ones come first, and leaves none out', async () => {
    const order = (await listTables(source)).map((t) => t.name);
    const all = await source.query<{ name: string }>(
      "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> ALL($1::text[])",
      [NOT_BACKED_UP],
    );
    expect([...order].sort()).toEqual(all.map((r) => r.name).sort());
    const fks = await source.query<{ child: string; parent: string }>(
      "SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent FROM pg_constraint WHERE contype = 'f' AND conrelid <> confrelid",
    );
    expect(fks.length).toBeGreaterThan(5);
    for (const fk of fks.filter((f) => !NOT_BACKED_UP.includes(f.child))) {
      expect(order.indexOf(fk.parent), `${fk.parent} before ${fk.child}`).toBeLessThan(order.indexOf(fk.child));
    }
  });

  it('refuses a database that already has data, and writes nothing', async () => {
    const before = await snapshot(source);
    await expect(restoreBackup(source, file('a.ndjson.gz'))).rejects.toThrow(/target database is not empty \(data in: .*tickets/);
    expect(await snapshot(source)).toEqual(before);
  });

  it('rejects foreign, damaged and truncated files with a clear message, leaving the target empty', async () => {
    const lines = gunzipLines(file('a.ndjson.gz'));
    const ticketsAt = lines.findIndex((l) => l.startsWith('{"table":"tickets"'));
    const damagedRow = [...lines];
    damagedRow[ticketsAt + 2] = '{"id": "not closed';
    const header = JSON.parse(lines[0]!);
    const cases: Array<[string, Buffer, RegExp]> = [
      ['text.txt', Buffer.from('hello\n'), /not a Relais backup \(not gzip-compressed\)/],
      ['other.json.gz', gz('{"hello":"world"}\n{"a":1}\n'), /not a Relais backup/],
      ['half.gz', halve(fs.readFileSync(file('a.ndjson.gz'))), /truncated/],
      ['cut-at-line.gz', gz(lines.slice(0, ticketsAt + 3).join('\n') + '\n'), /truncated/],
      ['no-end.gz', gz(lines.slice(0, -2).join('\n') + '\n'), /truncated: it ends before the end marker/],
      ['damaged-row.gz', gz(damagedRow.join('\n')), /damaged: line \d+ is not row 2 of table tickets/],
      ['newer-schema.gz', gz([JSON.stringify({ ...header, schema_version: 99 }), ...lines.slice(1)].join('\n')), /schema version 99.*relais migrate/],
      ['format-v2.gz', gz([JSON.stringify({ ...header, version: 2 }), ...lines.slice(1)].join('\n')), /format version 2/],
      ['missing-table.gz', gz([JSON.stringify({ ...header, tables: header.tables.filter((t: string) => t !== 'sessions') }), ...lines.slice(1)].join('\n')), /tables do not match.*absent from the backup: sessions/],
    ];
    const empty = await target('errors');
    const tables = (await listTables(empty)).map((t) => t.name);
    for (const [name, content, message] of cases) {
      fs.writeFileSync(file(name), content);
      const err = await restoreBackup(empty, file(name), { batchRows: 2 }).catch((e: unknown) => e);
      expect(err, name).toBeInstanceOf(BackupError);
      expect((err as Error).message, name).toMatch(message);
      expect(await tablesWithRows(empty, tables), name).toEqual([]);
    }
    await expect(restoreBackup(empty, file('nope.gz'))).rejects.toThrow(/Cannot read .*nope.gz: no such file/);
    // The same database then takes the good file: a failed attempt left nothing behind.
    await restoreBackup(empty, file('a.ndjson.gz'));
    expect((await snapshot(empty)).tables).toEqual((await snapshot(source)).tables);
  });

  it('never overwrites an existing file and leaves no partial file', async () => {
    await expect(writeBackup(source, file('a.ndjson.gz'), { createdAt: new Date() })).rejects.toThrow(/already exists/);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });
});
