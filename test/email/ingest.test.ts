/**
 * The inbound pipeline end to end through POST /inbound/email (the MTA pipe): parse → requester → thread → store →
 * timeline with the reason → followers → acknowledgement queued. Real messages composed by nodemailer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildRequester, signIn, type BuiltAgent } from '../support/factories.js';
import { startTestApp, TestClock, type TestApp } from '../support/harness.js';
import { messageIdOf, rawMail, SUPPORT } from './support.js';

let t: TestApp;
const clock = new TestClock();
let admin: BuiltAgent;

interface InboundJson { id: string; duplicate: boolean; status: string; ticket_id: string | null; ticket_number: number | null; decision: { action: string; code: string; reason: string } | null }
interface Entry { id: string; kind: string; visibility: string; body: string | null; reason: string | null; data: Record<string, unknown>; attachments: Array<{ id: string; filename: string; size: number }>; deliveries: Array<{ kind: string; to: string[]; cc: string[]; status: string }> }

async function deliver(raw: Buffer, token = admin.token): Promise<InboundJson> {
  const res = await t.app.inject({
    method: 'POST', url: '/api/v1/inbound/email', payload: raw,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'message/rfc822' },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as InboundJson;
}

async function api<T>(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = { authorization: `Bearer ${admin.token}` }) {
  const res = await t.app.inject({ method, url: `/api/v1${url}`, headers, ...(body === undefined ? {} : { payload: body as object }) });
  const json = (res.headers['content-type'] ?? '').toString().startsWith('application/json');
  return { status: res.statusCode, body: (json ? res.json() : null) as T, raw: res };
}

const timeline = async (n: number | string) => (await api<{ data: Entry[] }>('GET', `/tickets/${n}/timeline`)).body.data;
const outbound = async (ticketId: string) =>
  t.db.query<{ kind: string; message_id: string; subject: string; to_addresses: string[]; cc_addresses: string[]; in_reply_to: string | null; text_body: string; language: string }>(
    'SELECT * FROM outbound_messages WHERE ticket_id = $1 ORDER BY created_at, id', [ticketId]);

beforeAll(async () => {
  t = await startTestApp({
    clock,
    config: { RELAIS_SUPPORT_ADDRESSES: `${SUPPORT},helpdesk@relais.test`, RELAIS_SMTP_OUT_URL: 'smtp://127.0.0.1:9', RELAIS_EMAIL_SENDER_LIMIT_PER_HOUR: '1000' },
  });
  admin = await buildAgent(t.deps, { role: 'admin' });
});
afterAll(async () => t.close());

describe('a new message', () => {
  it('opens a ticket on the email channel for a new requester, says why, and queues the acknowledgement in their language', async () => {
    const raw = await rawMail({
      from: '"Jane Doe" <Jane.Doe@Client.test>', to: SUPPORT, cc: 'boss@client.test, helpdesk@relais.test',
      subject: 'Printer on floor 2 is not working', text: 'Hello,\n\nThe printer is not printing and my boss needs the report.\n\nThanks',
    });
    const r = await deliver(raw);
    expect(r).toMatchObject({ duplicate: false, status: 'processed', decision: { action: 'new', code: 'new_ticket' } });
    const ticket = (await api<{ subject: string; channel: string; status: string; requester: { name: string; email: string } }>('GET', `/tickets/${r.ticket_number}`)).body;
    expect(ticket).toMatchObject({ subject: 'Printer on floor 2 is not working', channel: 'email', status: 'new', requester: { name: 'Jane Doe', email: 'jane.doe@client.test' } });
    const entries = await timeline(r.ticket_number!);
    const created = entries.find((e) => e.kind === 'ticket.created')!;
    expect(created.reason).toMatch(/Opened a new ticket: no Message-ID or subject tag matched/);
    expect(created.data.email).toMatchObject({ message_id: messageIdOf(raw), source: 'http', classification: 'human', from: { address: 'jane.doe@client.test', name: 'Jane Doe' } });
    // Cc'd people follow, our own second address does not.
    const followers = await api<{ data: Array<{ email: string; source: string }> }>('GET', `/tickets/${r.ticket_number}/followers`);
    expect(followers.body.data).toEqual([expect.objectContaining({ email: 'boss@client.test', source: 'email_cc' })]);
    expect(entries.some((e) => e.kind === 'ticket.followers_changed')).toBe(true);
    const mail = await outbound(r.ticket_id!);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ kind: 'received', to_addresses: ['jane.doe@client.test'], cc_addresses: [], in_reply_to: messageIdOf(raw), language: 'en' });
    expect(mail[0]!.subject).toBe(`[#${r.ticket_number}] Request received: Printer on floor 2 is not working`);
    expect(created.deliveries).toEqual([expect.objectContaining({ kind: 'received', status: 'queued' })]);
    // The mail's text is the description, searchable like any other.
    const found = await api<{ data: Array<{ number: number }> }>('GET', '/tickets?q=report');
    expect(found.body.data.map((x) => x.number)).toContain(r.ticket_number);
  });

  it('is stored once when delivered twice, with or without a Message-ID', async () => {
    const raw = await rawMail({ from: 'twice@client.test', to: SUPPORT, subject: 'Deux fois' });
    const first = await deliver(raw);
    const again = await deliver(raw);
    expect(again).toMatchObject({ id: first.id, duplicate: true, ticket_number: first.ticket_number });
    const noId = Buffer.from(`From: noid@client.test\r\nTo: ${SUPPORT}\r\nSubject: Sans identifiant\r\n\r\nPas de Message-ID ici.\r\n`);
    const a = await deliver(Buffer.concat([Buffer.from('Received: from a.example by mx1\r\n'), noId]));
    const b = await deliver(Buffer.concat([Buffer.from('Received: from b.example by mx2\r\n'), noId]));
    expect(b).toMatchObject({ id: a.id, duplicate: true });
    const count = await t.db.one<{ n: string }>("SELECT count(*) AS n FROM tickets WHERE subject IN ('Deux fois', 'Sans identifiant')");
    expect(Number(count!.n)).toBe(2);
  });
});

describe('threading', () => {
  it('joins through our Message-ID, through the subject tag, and through an earlier inbound Message-ID, saying which', async () => {
    const first = await rawMail({ from: 'paul@client.test', to: SUPPORT, subject: 'VPN ne se connecte plus' });
    const opened = await deliver(first);
    const ack = (await outbound(opened.ticket_id!))[0]!;

    const viaOurs = await deliver(await rawMail({ from: 'paul@client.test', to: SUPPORT, subject: `RE: ${ack.subject}`, inReplyTo: `<${ack.message_id}>`, references: [`<${messageIdOf(first)}>`, `<${ack.message_id}>`], text: 'Toujours en panne.' }));
    expect(viaOurs).toMatchObject({ ticket_number: opened.ticket_number, decision: { action: 'join', code: 'joined' } });
    expect(viaOurs.decision!.reason).toBe(`Joined #${opened.ticket_number} because In-Reply-To matched our message <${ack.message_id}>.`);

    const viaTag = await deliver(await rawMail({ from: 'paul@client.test', to: SUPPORT, subject: `TR: Réf. : [#${opened.ticket_number}] autre sujet`, text: 'Encore moi.' }));
    expect(viaTag.decision!.reason).toBe(`Joined #${opened.ticket_number} because the subject carries its tag [#${opened.ticket_number}].`);

    const viaEarlier = await deliver(await rawMail({ from: 'paul@client.test', to: SUPPORT, subject: 'Re: VPN', references: [`<${messageIdOf(first)}>`], text: 'Et maintenant ?' }));
    expect(viaEarlier.decision!.reason).toBe(`Joined #${opened.ticket_number} because References matched its earlier message <${messageIdOf(first)}>.`);

    const replies = (await timeline(opened.ticket_number!)).filter((e) => e.kind === 'ticket.replied');
    expect(replies.map((e) => e.body)).toEqual(['Toujours en panne.', 'Encore moi.', 'Et maintenant ?']);
    expect(replies[0]!.reason).toBe(viaOurs.decision!.reason);
    // The console translates from data, not from the English sentence.
    expect(replies.map((e) => (e.data.email as { thread: Record<string, unknown> }).thread)).toEqual([
      expect.objectContaining({ code: 'joined', matched_by: 'our_message_id', header: 'In-Reply-To', ticket_number: opened.ticket_number }),
      expect.objectContaining({ code: 'joined', matched_by: 'subject_tag', header: null, ticket_number: opened.ticket_number }),
      expect.objectContaining({ code: 'joined', matched_by: 'ingested_message_id', header: 'References', ticket_number: opened.ticket_number }),
    ]);
  });

  it('never files a stranger’s mail in someone else’s ticket, even with the tag and the thread', async () => {
    const opened = await deliver(await rawMail({ from: 'alice@client.test', to: SUPPORT, subject: 'Écran noir' }));
    const stranger = await deliver(await rawMail({ from: 'mallory@evil.test', to: SUPPORT, subject: `Re: [#${opened.ticket_number}] Écran noir`, text: 'Je suis aussi concerné.' }));
    expect(stranger.ticket_number).not.toBe(opened.ticket_number);
    expect(stranger.decision).toMatchObject({ action: 'new', code: 'new_ticket_sender_not_on_ticket' });
    expect(stranger.decision!.reason).toContain(`Did not join #${opened.ticket_number}`);
    const subject = (await api<{ subject: string }>('GET', `/tickets/${stranger.ticket_number}`)).body.subject;
    expect(subject).toBe('Écran noir');
  });

  it('a follower’s reply joins; a reply after closing opens a linked ticket; after resolution it reopens within the window', async () => {
    const opened = await deliver(await rawMail({ from: 'rita@client.test', to: SUPPORT, cc: 'sam@client.test', subject: 'Badge refusé' }));
    const bySam = await deliver(await rawMail({ from: 'sam@client.test', to: SUPPORT, subject: `Re: [#${opened.ticket_number}] Badge refusé`, text: 'Même souci pour moi.' }));
    expect(bySam).toMatchObject({ ticket_number: opened.ticket_number, decision: { code: 'joined' } });

    await api('POST', `/tickets/${opened.ticket_number}/status`, { status: 'resolved' });
    clock.advance(2 * 86_400_000);
    const reopen = await deliver(await rawMail({ from: 'rita@client.test', to: SUPPORT, subject: `Re: [#${opened.ticket_number}] Badge refusé`, text: 'Ça recommence.' }));
    expect(reopen.decision).toMatchObject({ action: 'reopen', code: 'reopened' });
    expect(reopen.decision!.reason).toMatch(/resolved 2 days ago, within the 14 days reopen window/);
    expect((await api<{ status: string }>('GET', `/tickets/${opened.ticket_number}`)).body.status).toBe('open');

    await api('POST', `/tickets/${opened.ticket_number}/status`, { status: 'resolved' });
    await api('POST', `/tickets/${opened.ticket_number}/status`, { status: 'closed' });
    const late = await deliver(await rawMail({ from: 'rita@client.test', to: SUPPORT, subject: `Re: [#${opened.ticket_number}] Badge refusé`, text: 'Encore !' }));
    expect(late.decision).toMatchObject({ action: 'new_linked', code: 'new_linked_closed' });
    const links = await api<{ data: Array<{ ticket: { number: number } }> }>('GET', `/tickets/${late.ticket_number}/links`);
    expect(links.body.data.map((l) => l.ticket.number)).toEqual([opened.ticket_number]);
  });

  it('the resolution and an agent reply queue mail to the requester and the followers', async () => {
    const opened = await deliver(await rawMail({ from: 'nina@client.test', to: SUPPORT, cc: 'tom@client.test', subject: 'Accès au partage' }));
    await api('POST', `/tickets/${opened.ticket_number}/replies`, { body: 'Pouvez-vous **redémarrer** le poste ?' });
    await api('POST', `/tickets/${opened.ticket_number}/status`, { status: 'resolved' });
    const mail = await outbound(opened.ticket_id!);
    expect(mail.map((m) => m.kind)).toEqual(['received', 'reply', 'resolved']);
    expect(mail[1]).toMatchObject({ to_addresses: ['nina@client.test'], cc_addresses: ['tom@client.test'], language: 'fr' });
    expect(mail[1]!.subject).toBe(`Re: [#${opened.ticket_number}] Accès au partage`);
    expect(mail[1]!.text_body).toContain('Pouvez-vous **redémarrer** le poste ?');
    const entries = await timeline(opened.ticket_number!);
    expect(entries.find((e) => e.kind === 'ticket.replied' && e.deliveries.length > 0)!.deliveries[0]).toMatchObject({ kind: 'reply', status: 'queued' });
  });
});

describe('merged tickets', () => {
  it('a reply to a ticket merged into another joins the surviving ticket', async () => {
    const a = await deliver(await rawMail({ from: 'ines@client.test', to: SUPPORT, subject: 'Souris HS' }));
    const b = await deliver(await rawMail({ from: 'ines@client.test', to: SUPPORT, subject: 'Souris toujours HS' }));
    expect((await api('POST', `/tickets/${a.ticket_number}/merge`, { into: b.ticket_id })).status).toBe(200);
    const ackOfA = (await outbound(a.ticket_id!))[0]!;
    const r = await deliver(await rawMail({ from: 'ines@client.test', to: SUPPORT, subject: `Re: ${ackOfA.subject}`, inReplyTo: `<${ackOfA.message_id}>` }));
    expect(r).toMatchObject({ ticket_number: b.ticket_number, decision: { code: 'joined' } });
  });
});

describe('loops, noise and bounces', () => {
  it('an out-of-office reply is filed without reopening nor acknowledgement; unthreaded, it is dropped', async () => {
    const opened = await deliver(await rawMail({ from: 'leo@client.test', to: SUPPORT, subject: 'Clavier' }));
    await api('POST', `/tickets/${opened.ticket_number}/status`, { status: 'resolved' });
    const ack = (await outbound(opened.ticket_id!))[0]!;
    const ooo = await deliver(await rawMail({
      from: 'leo@client.test', to: SUPPORT, subject: `Réponse automatique : ${ack.subject}`, inReplyTo: `<${ack.message_id}>`,
      headers: { 'Auto-Submitted': 'auto-replied' }, text: 'Je suis absent jusqu’au 3.',
    }));
    expect(ooo.decision).toMatchObject({ action: 'join', code: 'joined_automatic' });
    expect((await api<{ status: string }>('GET', `/tickets/${opened.ticket_number}`)).body.status).toBe('resolved');
    const entry = (await timeline(opened.ticket_number!)).find((e) => e.kind === 'ticket.email_received')!;
    expect(entry.visibility).toBe('internal');
    expect(entry.reason).toMatch(/automatic mail never reopens/);
    const before = (await outbound(opened.ticket_id!)).length;
    const lone = await deliver(await rawMail({ from: 'x@client.test', to: SUPPORT, subject: 'Out of office', headers: { 'X-Autoreply': 'yes' } }));
    expect(lone).toMatchObject({ status: 'ignored', ticket_id: null, decision: { code: 'ignored_automatic_unthreaded' } });
    expect((await outbound(opened.ticket_id!)).length).toBe(before);
  });

  it('mail from our own address is ignored', async () => {
    const r = await deliver(await rawMail({ from: 'helpdesk@relais.test', to: SUPPORT, subject: 'Boucle ?' }));
    expect(r).toMatchObject({ status: 'ignored', ticket_id: null, decision: { code: 'ignored_own_address' } });
  });

  it('a bounce is recorded on the ticket as a delivery failure of our message, never as a reply', async () => {
    const opened = await deliver(await rawMail({ from: 'gone@client.test', to: SUPPORT, subject: 'Mot de passe' }));
    const ack = (await outbound(opened.ticket_id!))[0]!;
    const dsn = Buffer.from([
      'From: MAILER-DAEMON@mx.client.test', `To: ${SUPPORT}`, 'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <dsn-1@mx.client.test>', 'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="B"', '',
      '--B', 'Content-Type: text/plain', '', 'Your message could not be delivered.', '',
      '--B', 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.client.test', '',
      'Final-Recipient: rfc822; gone@client.test', 'Action: failed', 'Status: 5.1.1', 'Diagnostic-Code: smtp; 550 5.1.1 User unknown', '',
      '--B', 'Content-Type: text/rfc822-headers', '', `Message-ID: <${ack.message_id}>`, `Subject: ${ack.subject}`, '',
      '--B--', '',
    ].join('\r\n'));
    const r = await deliver(dsn);
    expect(r).toMatchObject({ ticket_number: opened.ticket_number, decision: { action: 'record_bounce', code: 'bounce_matched' } });
    const entries = await timeline(opened.ticket_number!);
    expect(entries.filter((e) => e.kind === 'ticket.replied')).toHaveLength(0);
    const bounce = entries.find((e) => e.kind === 'ticket.email_bounced')!;
    expect(bounce.data).toMatchObject({ message_id: ack.message_id, recipients: [expect.objectContaining({ recipient: 'gone@client.test', status: '5.1.1' })] });
    const created = entries.find((e) => e.kind === 'ticket.created')!;
    expect(created.deliveries[0]).toMatchObject({ status: 'bounced' });
  });

  it('beyond the per-sender hourly limit, messages are kept but ignored', async () => {
    const limited = await startTestApp({ clock, config: { RELAIS_SUPPORT_ADDRESSES: SUPPORT, RELAIS_EMAIL_SENDER_LIMIT_PER_HOUR: '3' } });
    try {
      const a = await buildAgent(limited.deps, { role: 'admin' });
      const send = async (i: number) => (await limited.app.inject({
        method: 'POST', url: '/api/v1/inbound/email', payload: await rawMail({ from: 'flood@client.test', to: SUPPORT, subject: `Flood ${i}` }),
        headers: { authorization: `Bearer ${a.token}`, 'content-type': 'message/rfc822' },
      })).json() as InboundJson;
      const results = [];
      for (let i = 0; i < 5; i++) results.push(await send(i));
      expect(results.map((r) => r.status)).toEqual(['processed', 'processed', 'processed', 'ignored', 'ignored']);
      expect(results[4]!.decision).toMatchObject({ code: 'ignored_rate_limited' });
      const stored = await limited.db.one<{ n: string }>("SELECT count(*) AS n FROM inbound_messages WHERE from_address = 'flood@client.test'");
      expect(Number(stored!.n)).toBe(5);
    } finally {
      await limited.close();
    }
  });
});

describe('attachments', () => {
  it('are stored once by content, listed on the entry, and downloadable only by those who may see them', async () => {
    const pdf = Buffer.from('%PDF-1.4 fake but bytes are bytes');
    const r = await deliver(await rawMail({
      from: 'carla@client.test', to: SUPPORT, subject: 'Facture illisible',
      attachments: [{ filename: 'facture été.pdf', content: pdf, contentType: 'application/pdf' }, { filename: 'log.txt', content: 'line 1\n' }],
    }));
    const created = (await timeline(r.ticket_number!)).find((e) => e.kind === 'ticket.created')!;
    expect(created.attachments.map((a) => a.filename)).toEqual(['facture été.pdf', 'log.txt']);
    const pdfId = created.attachments[0]!.id;
    const asAgent = await api('GET', `/tickets/${r.ticket_number}/attachments/${pdfId}`);
    expect(asAgent.status).toBe(200);
    expect(asAgent.raw.rawPayload.equals(pdf)).toBe(true);
    expect(asAgent.raw.headers['content-disposition']).toContain("filename*=UTF-8''facture%20%C3%A9t%C3%A9.pdf");
    expect(asAgent.raw.headers['content-security-policy']).toContain('sandbox');

    const carla = await signIn(t.app, 'carla@client.test').catch(() => null);
    expect(carla).toBeNull(); // created by mail: no password yet, so no portal session in this test
    const other = await buildRequester(t.deps, { withPassword: true });
    const otherSession = await signIn(t.app, other.email);
    const asStranger = await api('GET', `/tickets/${r.ticket_number}/attachments/${pdfId}`, undefined, otherSession);
    expect(asStranger.status).toBe(404);
    const wrongTicket = await deliver(await rawMail({ from: 'carla@client.test', to: SUPPORT, subject: 'Autre' }));
    expect((await api('GET', `/tickets/${wrongTicket.ticket_number}/attachments/${pdfId}`)).status).toBe(404);
  });
});

describe('agent replies with files', () => {
  it('uploads a file, sends it with the reply, and the queued mail carries it; a foreign or reused id is refused', async () => {
    const r = await deliver(await rawMail({ from: 'omar@client.test', to: SUPPORT, subject: 'Pilote manquant' }));
    const up = await t.app.inject({
      method: 'POST', url: `/api/v1/tickets/${r.ticket_number}/attachments?filename=pilote.json`, payload: '{"not":"parsed"}',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
    });
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json() as { id: string; filename: string; content_type: string; size: number };
    expect(file).toMatchObject({ filename: 'pilote.json', content_type: 'application/json', size: 16 });
    const sent = await api<{ entry: Entry }>('POST', `/tickets/${r.ticket_number}/replies`, { body: 'Voici le pilote.', attachment_ids: [file.id] });
    expect(sent.status).toBe(201);
    expect(sent.body.entry.attachments.map((a) => a.filename)).toEqual(['pilote.json']);
    const mail = (await t.db.query<{ kind: string; attachment_ids: string[] }>('SELECT kind, attachment_ids FROM outbound_messages WHERE ticket_id = $1 ORDER BY created_at, id', [r.ticket_id]));
    expect(mail.at(-1)).toEqual({ kind: 'reply', attachment_ids: [file.id] });
    const reused = await api<{ error: { code: string } }>('POST', `/tickets/${r.ticket_number}/replies`, { body: 'Encore', attachment_ids: [file.id] });
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('VALIDATION_FAILED');
    const tooBig = await t.app.inject({
      method: 'POST', url: `/api/v1/tickets/${r.ticket_number}/attachments?filename=big.bin`, payload: Buffer.alloc(10 * 1024 * 1024 + 10),
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/octet-stream' },
    });
    expect(tooBig.statusCode).toBe(413);
  });
});

describe('the inbound mail log', () => {
  it('shows what became of mail that opened no ticket, gives admins the raw message, and retries a failed one', async () => {
    const raw = await rawMail({ from: 'bot@client.test', to: SUPPORT, subject: 'Automatic digest', headers: { Precedence: 'bulk' } });
    const r = await deliver(raw);
    expect(r.status).toBe('ignored');
    const log = await api<{ data: Array<{ id: string; status: string; decision: { code: string; reason: string }; from: string; subject: string }> }>('GET', '/inbound-emails?status=ignored&limit=100');
    const row = log.body.data.find((d) => d.id === r.id)!;
    expect(row).toMatchObject({ from: 'bot@client.test', subject: 'Automatic digest', decision: { code: 'ignored_automatic_unthreaded' } });
    const rawRes = await api('GET', `/inbound-emails/${r.id}/raw`);
    expect(rawRes.raw.rawPayload.equals(raw)).toBe(true);

    // A message that failed (say, a bug since fixed) goes through again on request, and is filed once.
    const failedRaw = await rawMail({ from: 'late@client.test', to: SUPPORT, subject: 'Reçu pendant une panne' });
    const { sha256 } = await t.app.email.mail.blobs.put(failedRaw);
    const stored = { id: t.deps.newId() };
    await t.db.query(
      `INSERT INTO inbound_messages (id, dedupe_key, message_id, raw_sha256, raw_size, source, status, attempts, error, received_at)
       VALUES ($1, $2, $3, $4, $5, 'http', 'failed', 5, 'simulated', now())`,
      [stored.id, `mid:${messageIdOf(failedRaw)}`, messageIdOf(failedRaw), sha256, failedRaw.length]);
    expect((await api('POST', `/inbound-emails/${stored.id}/retry`)).status).toBe(202);
    expect((await api('POST', `/inbound-emails/${stored.id}/retry`)).status).toBe(409);
    await t.app.email.drainInbound();
    const after = await t.db.one<{ status: string; ticket_id: string | null }>('SELECT status, ticket_id FROM inbound_messages WHERE id = $1', [stored.id]);
    expect(after).toMatchObject({ status: 'processed', ticket_id: expect.any(String) });
  });
});

describe('bad input', () => {
  it('refuses an empty body, the wrong content type and a token without the inbound:email scope', async () => {
    const empty = await t.app.inject({ method: 'POST', url: '/api/v1/inbound/email', payload: Buffer.alloc(0), headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'message/rfc822' } });
    expect(empty.statusCode).toBe(400);
    const json = await t.app.inject({ method: 'POST', url: '/api/v1/inbound/email', payload: { a: 1 }, headers: { authorization: `Bearer ${admin.token}` } });
    expect(json.statusCode).toBe(415);
    const reader = await buildAgent(t.deps, { role: 'admin', scopes: ['tickets:read'] });
    const denied = await t.app.inject({ method: 'POST', url: '/api/v1/inbound/email', payload: await rawMail({ from: 'a@b.test', to: SUPPORT, subject: 'x' }), headers: { authorization: `Bearer ${reader.token}`, 'content-type': 'message/rfc822' } });
    expect(denied.statusCode).toBe(403);
  });
});
