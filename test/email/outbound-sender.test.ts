import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOutboundSender, type OutboundSender, type OutboundSenderOptions } from '../../src/channels/email/outbound-sender.js';
import { parseEmail } from '../../src/channels/email/parse.js';
import type { Ticket } from '../../src/domain/ticket.js';
import { BlobStore } from '../../src/files/blob-store.js';
import type { Database } from '../../src/store/db.js';
import { insertAttachment, insertOutbound, type NewOutbound, type OutboundRow } from '../../src/store/email.js';
import { listTimelineEntries } from '../../src/store/tickets.js';
import { makeDeps, type Deps } from '../../src/usecases/deps.js';
import type { MailContext } from '../../src/usecases/email/context.js';
import { claimOutbound } from '../../src/usecases/email/send-outbound.js';
import { TestClock, testConfig, testDatabase } from '../support/harness.js';
import { buildAgent, buildRequester, buildTicket } from '../support/factories.js';
import { SmtpSink } from '../support/smtp-sink.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4b20000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n% a tiny test file\n%%EOF\n');

describe('outbound sender', () => {
  let db: Database;
  let clock: TestClock;
  let deps: Deps & { mail: MailContext };
  let sink: SmtpSink;
  let ticket: Ticket;
  let blobDir: string;
  let committed: string[][];
  const senders: OutboundSender[] = [];
  let seq = 0;

  beforeAll(async () => {
    db = await testDatabase();
    clock = new TestClock();
    blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-outbound-'));
    const blobs = new BlobStore(blobDir);
    await blobs.init();
    sink = await new SmtpSink().start();
    const config = testConfig({ RELAIS_SUPPORT_ADDRESSES: 'support@relais.test', RELAIS_SMTP_OUT_URL: sink.url });
    const mail: MailContext = {
      config: config.email, blobs, publicUrl: null, wakeInbound: () => undefined, wakeOutbound: () => undefined, mailboxesChanged: () => undefined,
    };
    committed = [];
    deps = Object.assign(makeDeps(db, { clock, onCommitted: (ids) => committed.push([...ids]) }), { mail });
    const { principal } = await buildAgent(deps, { role: 'admin' });
    const requester = await buildRequester(deps, { email: 'jane@client.test' });
    ticket = await buildTicket(deps, principal, requester.id, { subject: 'Printer jammed' });
  });
  afterAll(async () => {
    await sink.close();
    await db.close();
    fs.rmSync(blobDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    sink.reset();
    committed.length = 0;
  });
  afterEach(async () => {
    for (const s of senders.splice(0)) await s.close();
    await db.query(`UPDATE outbound_messages SET status = 'sent' WHERE status = 'queued'`); // keep tests apart
  });

  const sender = (opts: Partial<OutboundSenderOptions> = {}) => {
    const s = startOutboundSender(deps, { smtpUrl: sink.url, log: pino({ level: 'silent' }), pollMs: 60_000, ...opts });
    senders.push(s);
    return s;
  };

  async function queue(over: Partial<NewOutbound> = {}): Promise<OutboundRow> {
    const id = deps.newId();
    await insertOutbound(db, {
      id,
      ticket_id: ticket.id,
      timeline_entry_id: null,
      kind: 'reply',
      message_id: `relais.${id}@relais.test`,
      in_reply_to: null,
      references: [],
      from_address: 'support@relais.test',
      to_addresses: ['jane@client.test'],
      cc_addresses: [],
      subject: `[#${ticket.number}] Printer jammed (${++seq})`,
      text_body: 'Hello Jane,\n\nwe are on it.',
      html_body: '<p>Hello Jane,</p><p>we are on it.</p>',
      language: 'en',
      attachment_ids: [],
      created_at: clock.now(),
      ...over,
    });
    return row(id);
  }
  const row = async (id: string) => (await db.one<OutboundRow & { locked_until: Date | null }>('SELECT * FROM outbound_messages WHERE id = $1', [id]))!;
  const failedEntries = async () => (await listTimelineEntries(db, [ticket.id])).filter((e) => e.kind === 'ticket.email_failed');

  it('sends a queued mail with its threading headers, bodies and attachments, and records it as sent', async () => {
    const files = [];
    for (const [content, type, name, cid] of [[PNG, 'image/png', 'logo.png', 'logo-1@relais.test'], [PDF, 'application/pdf', 'report.pdf', null]] as const) {
      const { sha256 } = await deps.mail.blobs.put(content);
      files.push(await insertAttachment(db, {
        id: deps.newId(), ticketId: ticket.id, timelineEntryId: null, inboundMessageId: null, sha256, size: content.length,
        contentType: type, filename: name, contentId: cid, inline: cid !== null, visibility: 'public', uploadedByKind: 'agent',
        uploadedById: null, createdAt: clock.now(),
      }));
    }
    const queued = await queue({
      kind: 'resolved',
      in_reply_to: 'abc.2@client.test',
      references: ['root.1@client.test', 'abc.2@client.test'],
      cc_addresses: ['boss@client.test'],
      html_body: '<p>Resolved.</p><img src="cid:logo-1@relais.test">',
      text_body: 'Resolved.',
      attachment_ids: files.map((f) => f.id),
    });
    const s = sender();
    await s.drain();

    expect(sink.messages).toHaveLength(1);
    const got = sink.messages[0]!;
    expect(got.from).toBe('support@relais.test');
    expect(got.to).toEqual(['jane@client.test', 'boss@client.test']);
    const { email, attachments } = await parseEmail(got.raw);
    expect(email.messageId).toBe(queued.message_id);
    expect(email.headers['message-id']).toEqual([`<${queued.message_id}>`]);
    expect(email.inReplyTo).toEqual(['abc.2@client.test']);
    expect(email.references).toEqual(['abc.2@client.test', 'root.1@client.test']);
    expect(email.subject).toBe(queued.subject);
    expect(email.from).toEqual({ address: 'support@relais.test', name: null });
    expect(email.to.map((a) => a.address)).toEqual(['jane@client.test']);
    expect(email.cc.map((a) => a.address)).toEqual(['boss@client.test']);
    expect(email.headers['auto-submitted']).toEqual(['auto-replied']);
    expect(email.headers['x-auto-response-suppress']).toEqual(['All']);
    expect(email.headers['x-relais-ticket']).toEqual([String(ticket.number)]);
    expect(email.text).toBe('Resolved.');
    expect(email.html).toContain('Resolved.');
    expect(email.attachments.map((a) => [a.filename, a.contentType, a.inline, a.contentId, a.sha256])).toEqual([
      ['logo.png', 'image/png', true, 'logo-1@relais.test', BlobStore.sha256(PNG)],
      ['report.pdf', 'application/pdf', false, null, BlobStore.sha256(PDF)],
    ]);
    expect(attachments.map((a) => a.content)).toEqual([PNG, PDF]);

    const after = await row(queued.id);
    expect(after.status).toBe('sent');
    expect(after.attempts).toBe(1);
    expect(after.sent_at).toEqual(clock.now());
    expect(after.smtp_response).toMatch(/^250 /);
    expect(after.locked_until).toBeNull();
    expect(after.last_error).toBeNull();
  });

  it('marks agent replies as human mail: no Auto-Submitted header', async () => {
    await queue({ kind: 'reply' });
    await sender().drain();
    const { email } = await parseEmail(sink.messages[0]!.raw);
    expect(email.headers['auto-submitted']).toBeUndefined();
    expect(email.headers['x-relais-ticket']).toEqual([String(ticket.number)]);
    expect(email.html).toContain('we are on it.');
  });

  it('retries a temporary failure (451) after 1 min, then 2 min, and sends it then', async () => {
    sink.failNext(2, 451);
    const queued = await queue();
    const s = sender();
    await s.drain();
    let r = await row(queued.id);
    expect([r.status, r.attempts, sink.attempts]).toEqual(['queued', 1, 1]);
    expect(r.last_error).toMatch(/^451 Try again later/);
    expect(r.next_attempt_at).toEqual(new Date(clock.now().getTime() + 60_000));
    expect(r.locked_until).toBeNull();

    await s.drain(); // not due yet
    clock.advance(59_000);
    await s.drain();
    expect(sink.attempts).toBe(1);

    clock.advance(1_000);
    await s.drain();
    r = await row(queued.id);
    expect([r.status, r.attempts, sink.attempts]).toEqual(['queued', 2, 2]);
    expect(r.next_attempt_at).toEqual(new Date(clock.now().getTime() + 120_000));

    clock.advance(120_000);
    await s.drain();
    r = await row(queued.id);
    expect([r.status, r.attempts, sink.attempts, sink.messages.length]).toEqual(['sent', 3, 3, 1]);
    expect(await parseEmail(sink.messages[0]!.raw).then((p) => p.email.messageId)).toBe(queued.message_id);
    expect(await failedEntries()).toHaveLength(0);
  });

  it('gives up after the last attempt: failed, with an internal timeline entry written with it', async () => {
    sink.failNext(3, 451);
    const queued = await queue({ cc_addresses: ['boss@client.test'] });
    const s = sender({ maxAttempts: 3 });
    for (let i = 0; i < 5; i++) {
      await s.drain();
      clock.advance(60 * 60_000);
    }
    const r = await row(queued.id);
    expect([r.status, r.attempts, sink.attempts]).toEqual(['failed', 3, 3]);
    expect(r.last_error).toMatch(/^451 /);
    const entries = await failedEntries();
    expect(entries).toHaveLength(1);
    const e = entries[0]!;
    expect([e.actor_kind, e.actor_id, e.visibility, e.body]).toEqual(['system', null, 'internal', null]);
    expect(e.reason).toMatch(/^The e-mail to jane@client\.test, boss@client\.test could not be sent after 3 attempts: 451 /);
    expect(e.data).toEqual({ outbound_message_id: queued.id, to: ['jane@client.test', 'boss@client.test'], attempts: 3, error: r.last_error });
    expect(committed).toEqual([[ticket.id]]);
    await db.query('DELETE FROM timeline_entries WHERE id = $1', [e.id]);
  });

  it('fails at once on a permanent refusal (5xx), without retrying', async () => {
    sink.failNext(1, 550);
    const queued = await queue();
    const s = sender();
    await s.drain();
    clock.advance(2 * 60 * 60_000);
    await s.drain();
    const r = await row(queued.id);
    expect([r.status, r.attempts, sink.attempts, sink.messages.length]).toEqual(['failed', 1, 1, 0]);
    expect(r.last_error).toMatch(/^550 Message refused by the test sink/);
    const entries = await failedEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.reason).toMatch(/^The mail server permanently refused the e-mail to jane@client\.test: 550 /);
    expect(entries[0]!.data).toMatchObject({ outbound_message_id: queued.id, attempts: 1 });
    await db.query('DELETE FROM timeline_entries WHERE id = $1', [entries[0]!.id]);
  });

  it('retries a connection failure: nothing listening is not a refusal', async () => {
    const queued = await queue();
    const s = sender({ smtpUrl: 'smtp://127.0.0.1:1' });
    await s.drain();
    const r = await row(queued.id);
    expect([r.status, r.attempts]).toEqual(['queued', 1]);
    expect(r.last_error).toMatch(/ECONNREFUSED|connect/i);
  });

  it('sends again, under the same Message-ID, a mail whose sender died mid-send once the lease expired', async () => {
    const queued = await queue();
    // A sender claims it and dies before recording anything.
    expect((await claimOutbound(deps, { leaseMs: 5 * 60_000, limit: 10 })).map((c) => c.id)).toEqual([queued.id]);
    const s = sender();
    await s.drain();
    expect(sink.attempts).toBe(0);
    clock.advance(5 * 60_000 + 1);
    await s.drain();
    const r = await row(queued.id);
    expect([r.status, r.attempts, sink.messages.length]).toEqual(['sent', 2, 1]);
    expect((await parseEmail(sink.messages[0]!.raw)).email.messageId).toBe(queued.message_id);
  });

  it('never sends a row twice when two senders share the database', async () => {
    const ids = [];
    for (let i = 0; i < 20; i++) ids.push((await queue()).message_id);
    const counts: number[] = [];
    const countingLog = (i: number) => {
      counts[i] = 0;
      return pino({ level: 'info' }, new Writable({
        write(chunk: Buffer, _e, cb) {
          if (chunk.toString().includes('Outbound e-mail sent')) counts[i]!++;
          cb();
        },
      }));
    };
    const a = sender({ batch: 3, log: countingLog(0) });
    const b = sender({ batch: 3, log: countingLog(1) });
    await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);

    const received = await Promise.all(sink.messages.map(async (m) => (await parseEmail(m.raw)).email.messageId));
    expect(received).toHaveLength(20);
    expect([...received].sort()).toEqual([...ids].sort());
    expect(counts[0]! + counts[1]!).toBe(20);
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBeGreaterThan(0);
    const rows = await db.query<{ status: string; attempts: number }>(
      'SELECT status, attempts FROM outbound_messages WHERE message_id = ANY($1::text[])', [ids]);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('sends on wake-ups and on its poll, and close() waits for the mail in flight', async () => {
    const s = sender({ pollMs: 50 });
    const polled = await queue();
    await sink.waitFor(1, 5_000);
    await expect.poll(async () => (await row(polled.id)).status).toBe('sent');
    // The polling sender stops first: otherwise its next poll may claim the
    // row meant for the woken sender, whose close() then has nothing to wait for.
    await s.close();

    const s2 = sender();
    const woken = await queue();
    s2.wake();
    await s2.close();
    expect((await row(woken.id)).status).toBe('sent');
  });
});
