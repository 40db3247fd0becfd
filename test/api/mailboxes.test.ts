import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../email/support.js';
import { findMailbox, saveMailboxProgress } from '../../src/store/mailboxes.js';
import { dovecotAvailable, startDovecot, type Dovecot } from '../support/dovecot.js';
import { buildAgent, type BuiltAgent } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/harness.js';

const SECRET = 'Zx9-unique-secret-Pw';
const KEY = 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=';

let t: TestApp;
let admin: BuiltAgent;
let manager: BuiltAgent;

beforeAll(async () => {
  t = await startTestApp({ config: { RELAIS_SECRET_KEY: KEY } });
  admin = await buildAgent(t.deps, { role: 'admin' });
  manager = await buildAgent(t.deps, { role: 'manager' });
});
afterAll(async () => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const call = (method: Method, url: string, payload?: object, who: BuiltAgent = admin) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${who.token}` }, ...(payload ? { payload } : {}) });

const body = (over: object = {}) => ({ name: 'Support', host: 'imap.example.test', username: 'support@example.test', password: SECRET, ...over });

describe('admin mailboxes API', () => {
  it('creates, lists, changes and deletes mailboxes; the password never comes back', async () => {
    expect((await call('POST', '/admin/mailboxes', body(), manager)).statusCode).toBe(403);
    const created = await call('POST', '/admin/mailboxes', body());
    expect(created.statusCode).toBe(201);
    expect(created.body).not.toContain(SECRET);
    const box = created.json();
    expect(box).toMatchObject({
      name: 'Support', host: 'imap.example.test', port: 993, tls: 'implicit', folder: 'INBOX', after_import: 'flag',
      move_to: null, enabled: true, has_password: true, last_uid: 0, uid_validity: null, last_error: null,
    });
    expect(box).not.toHaveProperty('password');
    expect(box).not.toHaveProperty('password_enc');
    expect((await call('POST', '/admin/mailboxes', body({ name: 'SUPPORT' }))).statusCode).toBe(409);

    const list = await call('GET', '/admin/mailboxes');
    expect(list.body).not.toContain(SECRET);
    expect(list.json().data.map((m: { id: string }) => m.id)).toEqual([box.id]);
    expect((await call('GET', '/admin/mailboxes', undefined, manager)).statusCode).toBe(403);

    // Progress on one folder means nothing for another: it restarts.
    const row = (await findMailbox(t.db, box.id))!;
    await saveMailboxProgress(t.db, box.id, row.updated_at, { uidValidity: 7, lastUid: 42, polledAt: new Date(), lastError: 'old' });
    const moved = await call('PATCH', `/admin/mailboxes/${box.id}`, { folder: 'Support', after_import: 'move', move_to: 'Support/Traités', password: 'n3w-pass' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ folder: 'Support', after_import: 'move', move_to: 'Support/Traités', last_uid: 0, uid_validity: null, last_error: null });
    const stored = (await findMailbox(t.db, box.id))!;
    expect(stored.password_enc).toMatch(/^v1:/);
    expect(stored.password_enc).not.toContain('n3w-pass');
    expect(stored.password_enc).not.toBe(row.password_enc);
    // A change that keeps the folder keeps the progress; switching back to flag clears move_to.
    await saveMailboxProgress(t.db, box.id, stored.updated_at, { uidValidity: 7, lastUid: 42, polledAt: new Date() });
    const flagged = await call('PATCH', `/admin/mailboxes/${box.id}`, { after_import: 'flag', enabled: false });
    expect(flagged.json()).toMatchObject({ after_import: 'flag', move_to: null, enabled: false, last_uid: 42, uid_validity: 7 });

    expect((await call('DELETE', `/admin/mailboxes/${box.id}`)).statusCode).toBe(204);
    expect((await call('GET', '/admin/mailboxes')).json().data).toEqual([]);
    expect((await call('DELETE', `/admin/mailboxes/${box.id}`)).statusCode).toBe(404);
    expect((await call('PATCH', `/admin/mailboxes/${box.id}`, { enabled: true })).statusCode).toBe(404);

    const audit = await call('GET', '/audit-log?action=mailbox.*');
    expect(audit.body).not.toContain(SECRET);
    expect(audit.body).not.toContain('n3w-pass');
    const entries = audit.json().data as Array<{ action: string; target_id: string; data: Record<string, unknown> }>;
    expect(entries.map((e) => e.action)).toEqual(['mailbox.deleted', 'mailbox.updated', 'mailbox.updated', 'mailbox.created']);
    expect(entries.every((e) => e.target_id === box.id)).toBe(true);
    expect(entries[2]!.data).toMatchObject({ password_changed: true, changed: ['folder', 'after_import', 'move_to'] });
    expect(entries[1]!.data).toMatchObject({ password_changed: false, changed: ['after_import', 'move_to', 'enabled'] });
  });

  it('refuses invalid settings with the field at fault', async () => {
    const cases: Array<[object, string]> = [
      [body({ name: 'Move', after_import: 'move' }), 'move_to'],
      [body({ name: 'Same', after_import: 'move', move_to: 'INBOX' }), 'move_to'],
      [body({ name: 'Host', host: 'imap example test' }), 'host'],
      [body({ name: 'Scheme', host: 'imaps://imap.example.test' }), 'host'],
    ];
    for (const [payload, path] of cases) {
      const res = await call('POST', '/admin/mailboxes', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.json().error.details)).toContain(path);
    }
    for (const payload of [body({ port: 0 }), body({ tls: 'ssl' }), body({ password: '' }), body({ extra: 1 })]) {
      expect((await call('POST', '/admin/mailboxes', payload)).statusCode, JSON.stringify(payload)).toBe(400);
    }
    // 143 is the default port without implicit TLS; an IP address is a valid host.
    const plain = await call('POST', '/admin/mailboxes', body({ name: 'Plain', host: '192.0.2.10', tls: 'starttls' }));
    expect(plain.json()).toMatchObject({ port: 143, tls: 'starttls', host: '192.0.2.10' });
    await call('DELETE', `/admin/mailboxes/${plain.json().id}`);
  });
});

const enabled = dovecotAvailable();

describe.skipIf(!enabled)('POST /admin/mailboxes/:id/test (real Dovecot)', () => {
  let dovecot: Dovecot;
  beforeAll(async () => {
    dovecot = await startDovecot({ support: SECRET });
  });
  afterAll(async () => dovecot?.stop());

  const create = async (over: object) => {
    const res = await call('POST', '/admin/mailboxes', {
      ...body({ host: dovecot.host, port: dovecot.port, tls: 'none', username: 'support', enabled: false }), ...over,
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };

  it('reports a working mailbox, a wrong password, a missing folder and a closed port', async () => {
    const good = await call('POST', `/admin/mailboxes/${await create({ name: 'Good' })}/test`);
    expect(good.statusCode).toBe(200);
    expect(good.json()).toEqual({ ok: true, error: null, idle: true, messages: 0 });

    const wrong = (await call('POST', `/admin/mailboxes/${await create({ name: 'Wrong', password: 'nope-nope' })}/test`)).json();
    expect(wrong).toMatchObject({ ok: false, error: expect.stringMatching(/^Authentication failed for user "support"/) });
    expect(JSON.stringify(wrong)).not.toContain('nope-nope');

    const folder = (await call('POST', `/admin/mailboxes/${await create({ name: 'Folder', folder: 'Absent' })}/test`)).json();
    expect(folder).toMatchObject({ ok: false, error: expect.stringMatching(/^Cannot open the folder "Absent"/) });

    const moveTo = (await call('POST', `/admin/mailboxes/${await create({ name: 'MoveTo', after_import: 'move', move_to: 'Traités' })}/test`)).json();
    expect(moveTo).toMatchObject({ ok: false, error: 'The folder "Traités" (move_to) does not exist', messages: 0 });

    const closed = (await call('POST', `/admin/mailboxes/${await create({ name: 'Closed', port: 1 })}/test`)).json();
    expect(closed).toMatchObject({ ok: false, error: 'Connection refused by 127.0.0.1:1', idle: null });

    expect((await call('POST', '/admin/mailboxes/0190a3c2-0000-7000-8000-000000000000/test')).statusCode).toBe(404);
  });

  it('imports from a mailbox as soon as an administrator adds it, without waiting for the next poll', async () => {
    const client = new ImapFlow({
      host: dovecot.host, port: dovecot.port, secure: false, doSTARTTLS: false, logger: false, auth: { user: 'support', pass: SECRET },
    });
    await client.connect();
    await client.append('INBOX', Buffer.from(
      'From: Nadia <nadia@client.test>\r\nTo: support@relais.test\r\nSubject: Boite ajoutee a chaud\r\n' +
        `Message-ID: <hot-${Date.now()}@client.test>\r\n\r\nBonjour\r\n`,
    ));
    await client.logout();
    await create({ name: 'Hot', enabled: true });
    const ticket = await eventually(() => t.db.one<{ number: string }>("SELECT number FROM tickets WHERE subject = 'Boite ajoutee a chaud'"), 15_000);
    expect(Number(ticket.number)).toBeGreaterThan(0);
    // Disabled again so the other tests of this file do not share the mailbox with a running poller.
    const hot = (await call('GET', '/admin/mailboxes')).json().data.find((m: { name: string }) => m.name === 'Hot');
    await call('PATCH', `/admin/mailboxes/${hot.id}`, { enabled: false });
  });
});
