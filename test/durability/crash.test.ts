/**
 * The real server, built from source, as a child process on the embedded engine: what a `kill -9` (a crash,
 * an OOM kill, a power cut of the process) does to committed data and to the data-directory lock.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTransport } from 'nodemailer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { testEngine } from '../support/harness.js';
import { freePort } from '../support/free-port.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ADMIN = { email: 'admin@durability.test', password: 'durability-pass-1' };

let dir: string;
const children = new Set<ChildProcess>();

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-durability-'));
});
afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));


interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `relais <args>` from source, with its own data directory and port. */
function relais(args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: ROOT,
    // DATABASE_URL emptied: these runs are about the embedded engine and its data directory.
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', RELAIS_MAINTENANCE_INTERVAL_MINUTES: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => out, exited };
}

/** Starts `relais serve` and waits until it listens. */
async function serve(dataDir: string, env: Record<string, string> = {}): Promise<Run & { base: string }> {
  const port = await freePort();
  const run = relais(['serve'], { RELAIS_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ...env });
  const deadline = Date.now() + 90_000;
  while (!run.output().includes('Relais is running at')) {
    if (run.child.exitCode !== null) throw new Error(`relais serve exited early:\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`relais serve did not start:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { ...run, base: `http://127.0.0.1:${port}` };
}

async function killHard(run: Run): Promise<void> {
  run.child.kill('SIGKILL');
  const { signal } = await run.exited;
  expect(signal).toBe('SIGKILL');
}

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(base: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: ((await res.json()) as { csrf_token: string }).csrf_token };
}

function createTicket(base: string, s: Session, i: number): Promise<Response> {
  return fetch(`${base}/api/v1/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
    body: JSON.stringify({ subject: `Imprimante ${i} hors ligne`, requester_email: `user${i % 5}@client.test`, channel: 'phone' }),
  });
}

// The embedded engine's crash safety and data-directory lock: a PostgreSQL server's own durability is the
// server's business, so postgres runs skip this file rather than repeat it.
describe.skipIf(testEngine() === 'postgres')('crash safety of the embedded engine (kill -9)', () => {
  it('keeps every ticket whose creation answered 201 when the process is killed right after', async () => {
    const dataDir = path.join(dir, 'kill9');
    const admin = relais(['create-admin', '--email', ADMIN.email, '--password', ADMIN.password], { RELAIS_DATA_DIR: dataDir });
    expect((await admin.exited).code, admin.output()).toBe(0);

    const first = await serve(dataDir);
    const session = await signIn(first.base);
    const committed: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await createTicket(first.base, session, i);
      expect(res.status).toBe(201);
      committed.push(((await res.json()) as { number: number }).number);
    }
    // A burst in flight: the process dies the moment the first of them is acknowledged.
    const burst = Array.from({ length: 6 }, (_, k) =>
      createTicket(first.base, session, 100 + k).then(async (res) => {
        if (res.status !== 201) return;
        const { number } = (await res.json()) as { number: number };
        committed.push(number);
        first.child.kill('SIGKILL');
      }, () => undefined), // requests cut by the kill have no answer: they may or may not have committed
    );
    await Promise.all(burst);
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(committed.length).toBeGreaterThanOrEqual(11);

    const second = await serve(dataDir);
    const again = await signIn(second.base);
    for (const n of committed) {
      const res = await fetch(`${second.base}/api/v1/tickets/${n}`, { headers: { cookie: again.cookie } });
      expect(res.status, `ticket ${n} after restart`).toBe(200);
      expect(((await res.json()) as { subject: string }).subject).toMatch(/^Imprimante \d+ hors ligne$/);
    }
    // And the server goes on numbering after the crash.
    const next = await createTicket(second.base, again, 999);
    expect(next.status).toBe(201);
    expect(((await next.json()) as { number: number }).number).toBeGreaterThan(Math.max(...committed));
    await killHard(second);
  }, 240_000);

  it('refuses a second server on the same data directory, and leaves no stale lock after kill -9', async () => {
    const dataDir = path.join(dir, 'lock');
    const first = await serve(dataDir);
    const second = relais(['serve'], { RELAIS_DATA_DIR: dataDir, PORT: String(await freePort()) });
    const { code } = await second.exited;
    expect(code).not.toBe(0);
    expect(second.output()).toContain(`Another Relais process (pid ${first.child.pid}) is using the data directory ${fs.realpathSync(dataDir)}`);
    expect((await fetch(`${first.base}/health`)).status).toBe(200); // the first one is unharmed

    await killHard(first);
    const third = await serve(dataDir);
    expect((await fetch(`${third.base}/health`)).status).toBe(200);
    await killHard(third);
  }, 240_000);

  it('files every e-mail the SMTP receiver acknowledged exactly once, though killed mid-stream and mid-filing', async () => {
    const dataDir = path.join(dir, 'mail');
    const admin = relais(['create-admin', '--email', ADMIN.email, '--password', ADMIN.password], { RELAIS_DATA_DIR: dataDir });
    expect((await admin.exited).code, admin.output()).toBe(0);
    const smtp = async () => ({ RELAIS_SMTP_PORT: String(await freePort()), RELAIS_SUPPORT_ADDRESSES: 'support@crash.test' });
    const env1 = await smtp();
    const first = await serve(dataDir, env1);
    const client = createTransport({ host: '127.0.0.1', port: Number(env1.RELAIS_SMTP_PORT), pool: true, maxConnections: 4, ignoreTLS: true });
    const acknowledged: string[] = [];
    const total = 80;
    // Every message is a new request from its own sender; the server dies once half of them were acknowledged,
    // with sessions still open and filing still going on.
    await Promise.all(Array.from({ length: total }, (_, i) =>
      client.sendMail({
        from: `user${i}@client.test`, to: 'support@crash.test', subject: `Panne ${i}`, text: `Message ${i}`,
        messageId: `<crash-${i}@client.test>`,
      }).then((info) => {
        acknowledged.push(`crash-${i}@client.test`);
        expect(info.response).toMatch(/^250/);
        if (acknowledged.length === total / 2) first.child.kill('SIGKILL');
      }, () => undefined), // cut by the kill: maybe stored, never acknowledged
    ));
    client.close();
    await first.exited;
    expect(acknowledged.length).toBeGreaterThanOrEqual(total / 2);

    // The restarted server files what was stored and not yet filed.
    const second = await serve(dataDir, await smtp());
    const session = await signIn(second.base);
    const emailTickets = async () => {
      const res = await fetch(`${second.base}/api/v1/tickets?channel=email&limit=100`, { headers: { cookie: session.cookie } });
      return ((await res.json()) as { data: unknown[] }).data.length;
    };
    // Filing is done when the count stops moving (it can only grow, and at least the acknowledged ones are due).
    let last = -1;
    for (let stable = 0; stable < 3;) {
      await new Promise((r) => setTimeout(r, 1000));
      const count = await emailTickets();
      stable = count === last && count >= acknowledged.length ? stable + 1 : 0;
      last = count;
    }
    second.child.kill('SIGTERM');
    await second.exited;

    const db = await openDatabase({ databaseUrl: null, dataDir });
    try {
      const rows = await db.query<{ message_id: string; status: string; tickets: string }>(
        `SELECT i.message_id, i.status,
           (SELECT count(*) FROM tickets t WHERE t.subject = 'Panne ' || substring(i.message_id from 'crash-([0-9]+)@')) AS tickets
         FROM inbound_messages i`);
      const byId = new Map(rows.map((r) => [r.message_id, r]));
      expect(rows.filter((r) => r.status !== 'processed'), 'messages left unfiled').toEqual([]);
      for (const id of acknowledged) expect(byId.get(id), `acknowledged ${id} is stored`).toBeDefined();
      expect(rows.filter((r) => Number(r.tickets) !== 1), 'messages with no ticket or several').toEqual([]);
      const emailTickets = await db.one<{ n: string }>("SELECT count(*) AS n FROM tickets WHERE channel = 'email'");
      expect(Number(emailTickets!.n)).toBe(rows.length);
    } finally {
      await db.close();
    }
  }, 240_000);
});
