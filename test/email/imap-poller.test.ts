/**
 * The IMAP poller against a real Dovecot (test/support/dovecot.ts) and the real ingestion (`acceptInbound`:
 * raw file + inbound_messages row). Each test uses its own Dovecot user, so their mailboxes never mix.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AcceptInput } from '../../src/channels/email/accept-types.js';
import { IMPORTED_KEYWORD, startImapPoller, TOO_LARGE_KEYWORD, type ImapPoller } from '../../src/channels/email/imap-poller.js';
import type { AgentPrincipal } from '../../src/domain/principal.js';
import { BlobStore } from '../../src/files/blob-store.js';
import type { Database } from '../../src/store/db.js';
import { deleteMailbox, findMailbox, listMailboxes, saveMailboxProgress } from '../../src/store/mailboxes.js';
import { makeDeps, type Deps } from '../../src/usecases/deps.js';
import type { MailContext } from '../../src/usecases/email/context.js';
import { acceptInbound, processPendingInbound, type MailDeps } from '../../src/usecases/email/ingest.js';
import { createMailbox, type MailboxInput } from '../../src/usecases/email/mailboxes.js';
import { dovecotAvailable, startDovecot, type Dovecot } from '../support/dovecot.js';
import { buildAgent } from '../support/factories.js';
import { testConfig, testDatabase } from '../support/harness.js';

const USERS = ['flag', 'move', 'retry', 'wrong', 'good', 'idle', 'kick', 'big', 'first', 'plain'] as const;
type User = (typeof USERS)[number];
const passwordOf = (u: User) => `pw-${u}-Tr0ub4dor`;

const enabled = dovecotAvailable();

describe.skipIf(!enabled)('IMAP poller (real Dovecot)', () => {
  let dovecot: Dovecot;
  let db: Database;
  let deps: MailDeps;
  let admin: AgentPrincipal;
  let dataDir: string;
  let poller: ImapPoller | null = null;
  const key = randomBytes(32).toString('base64');
  /** Every call the poller made to accept, and a switch that makes the store fail. */
  const calls: AcceptInput[] = [];
  let storeDown = false;

  const accept = async (input: AcceptInput) => {
    calls.push(input);
    if (storeDown) throw new Error('the database is unavailable');
    return acceptInbound(deps, input);
  };

  const start = (opts: { pollSeconds?: number; maxMessageBytes?: number; secretKey?: string | null; dataDir?: string } = {}) => {
    poller = startImapPoller(deps, {
      accept, pollSeconds: opts.pollSeconds ?? 3600, secretKey: opts.secretKey === undefined ? key : opts.secretKey,
      dataDir: opts.dataDir ?? dataDir, log: pino({ level: process.env.RELAIS_TEST_LOG ?? 'silent' }),
      maxMessageBytes: opts.maxMessageBytes, idleDelayMs: 300,
    });
    return poller;
  };

  const imap = async <T>(user: User, fn: (c: ImapFlow) => Promise<T>): Promise<T> => {
    const c = new ImapFlow({
      host: dovecot.host, port: dovecot.port, secure: false, doSTARTTLS: false, logger: false,
      auth: { user, pass: passwordOf(user) },
    });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.logout();
    }
  };

  let seq = 0;
  const message = (subject: string, extra = '') => {
    seq += 1;
    return Buffer.from(
      `From: Alice Martin <alice@example.test>\r\nTo: support@relais.test\r\nSubject: ${subject}\r\n` +
        `Message-ID: <imap-${seq}-${Date.now()}@example.test>\r\nDate: Mon, 2 Mar 2026 09:00:00 +0000\r\n` +
        `Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour,\r\n${extra}\r\n`,
    );
  };
  const append = (user: User, raw: Buffer, folder = 'INBOX', flags: string[] = []) =>
    imap(user, async (c) => {
      const res = await c.append(folder, raw, flags);
      if (!res) throw new Error('APPEND failed');
      return res.uid!;
    });
  /** uid → flags of every message in a folder. */
  const flagsIn = (user: User, folder = 'INBOX') =>
    imap(user, async (c) => {
      await c.mailboxOpen(folder);
      const out = new Map<number, Set<string>>();
      if (c.mailbox && c.mailbox.exists > 0) {
        for (const m of await c.fetchAll('1:*', { uid: true, flags: true })) out.set(m.uid, m.flags ?? new Set());
      }
      return out;
    });

  const addMailbox = (user: User, over: Partial<MailboxInput> = {}) =>
    createMailbox(deps, admin, {
      name: `Support ${user}`, host: dovecot.host, port: dovecot.port, tls: 'none', username: user, password: passwordOf(user),
      folder: 'INBOX', afterImport: 'flag', moveTo: null, enabled: true, ...over,
    }, () => Buffer.from(key, 'base64'));

  const inboundCount = async () => (await db.one<{ n: number }>('SELECT count(*)::int AS n FROM inbound_messages'))!.n;
  const subjectsOf = (list: AcceptInput[]) => list.map((c) => /^Subject: (.*)$/m.exec(c.raw.toString())?.[1]?.trim());

  beforeAll(async () => {
    dovecot = await startDovecot(Object.fromEntries(USERS.map((u) => [u, passwordOf(u)])));
    db = await testDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-imap-'));
    const config = testConfig({ RELAIS_SUPPORT_ADDRESSES: 'support@relais.test', RELAIS_ATTACHMENTS_DIR: path.join(dataDir, 'attachments') });
    const blobs = new BlobStore(config.email.attachmentsDir);
    await blobs.init();
    const base: Deps = makeDeps(db);
    const mail: MailContext = {
      config: config.email, blobs, publicUrl: null, wakeInbound: () => undefined, wakeOutbound: () => undefined, mailboxesChanged: () => undefined,
    };
    deps = Object.assign(base, { mail });
    admin = (await buildAgent(deps, { role: 'admin' })).principal;
  });

  afterEach(async () => {
    await poller?.close();
    poller = null;
    calls.length = 0;
    storeDown = false;
    for (const m of await listMailboxes(db)) await deleteMailbox(db, m.id);
  });

  afterAll(async () => {
    await dovecot?.stop();
    await db?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports new messages, flags them only once stored, and a restart imports nothing twice', async () => {
    await append('flag', message('Imprimante hors ligne'));
    await append('flag', message('VPN coupé'));
    const box = await addMailbox('flag');

    const p1 = start();
    const first = await p1.pollNow();
    expect(first.mailboxes.map((m) => m.error)).toEqual([null]);
    expect(subjectsOf(calls)).toEqual(['Imprimante hors ligne', 'VPN coupé']);
    expect(calls.every((c) => c.source === 'imap' && c.sourceDetail === 'Support flag')).toBe(true);
    expect(await inboundCount()).toBe(2);
    const flags = await flagsIn('flag');
    expect([...flags.values()].map((f) => f.has('\\Seen') && f.has(IMPORTED_KEYWORD))).toEqual([true, true]);
    const row = (await findMailbox(db, box.id))!;
    expect(row).toMatchObject({ last_uid: 2, last_error: null });
    expect(row.uid_validity).toBeGreaterThan(0);
    expect(row.last_polled_at).toBeInstanceOf(Date);

    // The stored messages are real ones: the processor files them as tickets.
    const outcomes = await processPendingInbound(deps, 10);
    expect(outcomes.map((o) => o.status)).toEqual(['processed', 'processed']);

    // A restart: a new poller on the same database imports only what is new.
    await p1.close();
    await append('flag', message('Écran noir'));
    calls.length = 0;
    const p2 = start();
    await p2.pollNow();
    expect(subjectsOf(calls)).toEqual(['Écran noir']);
    expect(await inboundCount()).toBe(3);
    await p2.close();

    // A crash between accept and flag: the message is on the server without the flag, progress not saved.
    const uid1 = [...flags.keys()][0]!;
    await imap('flag', async (c) => {
      await c.mailboxOpen('INBOX');
      await c.messageFlagsRemove(String(uid1), ['\\Seen', IMPORTED_KEYWORD], { uid: true });
    });
    const saved = (await findMailbox(db, box.id))!;
    await saveMailboxProgress(db, box.id, saved.updated_at, { uidValidity: saved.uid_validity, lastUid: 0, polledAt: new Date() });
    calls.length = 0;
    const p3 = start();
    const again = await p3.pollNow();
    expect(subjectsOf(calls)).toEqual(['Imprimante hors ligne']);
    expect(again.mailboxes[0]).toMatchObject({ imported: 0, duplicates: 1, error: null });
    expect(await inboundCount()).toBe(3);
    expect((await flagsIn('flag')).get(uid1)!.has(IMPORTED_KEYWORD)).toBe(true);
    expect((await findMailbox(db, box.id))!.last_uid).toBe(3);
  });

  it("leaves a folder's already-read history alone on the first pass", async () => {
    await append('first', message('Ancien, déjà lu'), 'INBOX', ['\\Seen']);
    await append('first', message('Nouveau, non lu'));
    const box = await addMailbox('first');
    await start().pollNow();
    expect(subjectsOf(calls)).toEqual(['Nouveau, non lu']);
    expect((await findMailbox(db, box.id))!.last_uid).toBe(2);
    // Later, read or not, every new message is imported.
    await append('first', message('Arrivé puis lu'), 'INBOX', ['\\Seen']);
    await poller!.pollNow();
    expect(subjectsOf(calls)).toEqual(['Nouveau, non lu', 'Arrivé puis lu']);
  });

  it("moves imported messages to move_to in 'move' mode", async () => {
    await imap('move', (c) => c.mailboxCreate('Traités'));
    await append('move', message('À déplacer 1'));
    await append('move', message('À déplacer 2'));
    await addMailbox('move', { afterImport: 'move', moveTo: 'Traités' });
    const report = await start().pollNow();
    expect(report.mailboxes[0]).toMatchObject({ imported: 2, error: null });
    expect((await flagsIn('move')).size).toBe(0);
    const moved = await flagsIn('move', 'Traités');
    expect(moved.size).toBe(2);
    expect([...moved.values()].every((f) => f.has('\\Seen'))).toBe(true);
    expect(subjectsOf(calls)).toEqual(['À déplacer 1', 'À déplacer 2']);
  });

  it('does not flag a message the store failed to keep, and retries it on the next poll', async () => {
    await append('retry', message('Pendant la panne'));
    const box = await addMailbox('retry');
    storeDown = true;
    const failed = await start().pollNow();
    expect(failed.mailboxes[0]!.error).toMatch(/could not be stored .*the database is unavailable.*retried/);
    const flags = await flagsIn('retry');
    expect([...flags.values()].map((f) => [...f])).toEqual([[]]);
    expect((await findMailbox(db, box.id))!).toMatchObject({ last_uid: 0 });
    expect((await findMailbox(db, box.id))!.last_error).toMatch(/could not be stored/);

    storeDown = false;
    const ok = await poller!.pollNow();
    expect(ok.mailboxes[0]).toMatchObject({ imported: 1, error: null });
    expect([...(await flagsIn('retry')).values()][0]!.has(IMPORTED_KEYWORD)).toBe(true);
    expect((await findMailbox(db, box.id))!).toMatchObject({ last_uid: 1, last_error: null });
  });

  it('records a wrong password or an unreachable server in last_error, and still imports the other mailboxes', async () => {
    await append('good', message('Boîte en bon état'));
    const wrong = await addMailbox('wrong', { password: 'not-the-password' });
    const down = await addMailbox('plain', { name: 'Serveur arrêté', port: await closedPort() });
    const good = await addMailbox('good');
    const report = await start().pollNow();
    const byId = new Map(report.mailboxes.map((m) => [m.mailboxId, m]));
    expect(byId.get(wrong.id)!.error).toMatch(/^Authentication failed for user "wrong"/);
    expect(byId.get(down.id)!.error).toMatch(/^Connection refused by 127\.0\.0\.1:\d+/);
    expect(byId.get(good.id)).toMatchObject({ imported: 1, error: null });
    expect(subjectsOf(calls)).toEqual(['Boîte en bon état']);
    const stored = (await findMailbox(db, wrong.id))!;
    expect(stored.last_error).toMatch(/Authentication failed/);
    expect(stored.last_error).not.toContain('not-the-password');
    expect((await findMailbox(db, down.id))!.last_error).toMatch(/Connection refused/);
    expect((await findMailbox(db, good.id))!.last_error).toBeNull();
  });

  it('IDLE: a new message is imported at once, without waiting for the poll interval', async () => {
    await addMailbox('idle');
    await start({ pollSeconds: 3600 }).pollNow();
    expect(calls).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 800)); // the connection is idling now
    const t0 = Date.now();
    await append('idle', message('Arrivé pendant IDLE'));
    await waitFor(() => calls.length === 1, 10_000);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(subjectsOf(calls)).toEqual(['Arrivé pendant IDLE']);
    await waitFor(async () => [...(await flagsIn('idle')).values()][0]?.has(IMPORTED_KEYWORD) ?? false, 5_000);
  });

  it('reconnects by itself when the server drops the connection', async () => {
    const box = await addMailbox('kick');
    await start({ pollSeconds: 3600 }).pollNow();
    dovecot.kick('kick');
    await append('kick', message('Après la coupure'));
    // Back within the first backoff step (2 s), without a poll interval or pollNow.
    await waitFor(() => calls.length === 1, 10_000);
    expect(subjectsOf(calls)).toEqual(['Après la coupure']);
    await waitFor(async () => (await findMailbox(db, box.id))!.last_uid === 1, 5_000);
    expect((await findMailbox(db, box.id))!.last_error).toBeNull();
  });

  it('flags a message above the size limit $RelaisTooLarge, leaves it unread and says so in last_error', async () => {
    await append('big', message('Trop gros', 'x'.repeat(8_000)));
    await append('big', message('Petit'));
    const box = await addMailbox('big');
    const report = await start({ maxMessageBytes: 4_000 }).pollNow();
    expect(report.mailboxes[0]).toMatchObject({ imported: 1, skipped: 1, error: null });
    expect(subjectsOf(calls)).toEqual(['Petit']);
    const [bigFlags, smallFlags] = [...(await flagsIn('big')).values()];
    expect([...bigFlags!]).toEqual([TOO_LARGE_KEYWORD]);
    expect(smallFlags!.has(IMPORTED_KEYWORD)).toBe(true);
    expect((await findMailbox(db, box.id))!.last_error).toMatch(/UID 1 \(\d+ bytes\) is larger than the limit of 4000 bytes/);
    // Not retried on later passes.
    calls.length = 0;
    await poller!.pollNow();
    expect(calls).toHaveLength(0);
  });

  it('stores the password encrypted (key file in the data directory when no key is configured)', async () => {
    const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-imap-key-'));
    try {
      const { resolveSecretKey } = await import('../../src/security/credentials.js');
      const fileKey = resolveSecretKey({ secretKey: null, dataDir: keyDir });
      const box = await createMailbox(deps, admin, {
        name: 'Chiffrée', host: dovecot.host, port: dovecot.port, tls: 'none', username: 'plain', password: passwordOf('plain'),
        folder: 'INBOX', afterImport: 'flag', moveTo: null, enabled: true,
      }, () => fileKey);
      expect(box).not.toHaveProperty('password_enc');
      expect(box.has_password).toBe(true);
      const raw = JSON.stringify(await db.query('SELECT * FROM mailboxes WHERE id = $1', [box.id]));
      expect(raw).not.toContain(passwordOf('plain'));
      expect((await findMailbox(db, box.id))!.password_enc).toMatch(/^v1:/);
      // The poller decrypts it with the same key file and signs in.
      await append('plain', message('Chiffrement'));
      const report = await start({ secretKey: null, dataDir: keyDir }).pollNow();
      expect(report.mailboxes[0]).toMatchObject({ imported: 1, error: null });
      // With another key, the mailbox reports why it cannot sign in (and never the password).
      await poller!.close();
      const other = await start({ secretKey: randomBytes(32).toString('base64') }).pollNow();
      expect(other.mailboxes[0]!.error).toMatch(/another secret key/);
    } finally {
      fs.rmSync(keyDir, { recursive: true, force: true });
    }
  });
});

async function closedPort(): Promise<number> {
  const { freePort } = await import('../support/free-port.js');
  return freePort();
}

async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
