/**
 * Real SMTP both ways, through the whole app: a requester's client (nodemailer) → Relais's SMTP receiver → a ticket;
 * Relais's acknowledgement and the agent's reply → a real SMTP relay (the sink), with the headers that make the
 * requester's client thread them; the requester answers that mail and it joins the ticket.
 */
import { createTransport, type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEmail } from '../../src/channels/email/parse.js';
import { buildAgent, type BuiltAgent } from '../support/factories.js';
import { freePort } from '../support/free-port.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { eventually, SUPPORT } from './support.js';

let t: TestApp;
let sink: SmtpSink;
let client: Transporter;
let admin: BuiltAgent;

beforeAll(async () => {
  sink = await new SmtpSink().start();
  const port = await freePort();
  t = await startTestApp({
    config: { RELAIS_SMTP_PORT: String(port), RELAIS_SUPPORT_ADDRESSES: SUPPORT, RELAIS_SMTP_OUT_URL: sink.url, RELAIS_PUBLIC_URL: 'https://support.example.test' },
  });
  expect(t.app.email.smtpPort).toBe(port);
  client = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  admin = await buildAgent(t.deps, { role: 'admin' });
});
afterAll(async () => {
  client.close();
  await t.close();
  await sink.close();
});

const ticketOfMessage = (messageId: string) =>
  eventually(async () => t.db.one<{ ticket_id: string; status: string; decision: { code: string; reason: string } }>(
    "SELECT ticket_id, status, decision FROM inbound_messages WHERE message_id = $1 AND status <> 'received'", [messageId]));

describe('SMTP both ways', () => {
  it('a mail opens a ticket, the acknowledgement threads, the answer to it joins, and the agent reply goes out', async () => {
    const sent = await client.sendMail({
      from: '"Marie Curie" <marie@labo.test>', to: SUPPORT, subject: 'Le spectromètre ne démarre plus',
      text: 'Bonjour,\n\nLe spectromètre affiche E42 au démarrage.\n\nMarie', headers: { 'Content-Language': 'fr' },
    });
    expect(sent.response).toMatch(/^250 2\.6\.0 Accepted/);
    const first = await ticketOfMessage(sent.messageId.replace(/[<>]/g, ''));
    expect(first.decision.code).toBe('new_ticket');
    const ticket = (await t.db.one<{ number: string }>('SELECT number FROM tickets WHERE id = $1', [first.ticket_id]))!;

    // The acknowledgement reaches the relay, from the support address, threaded on the requester's message.
    const [ackRaw] = await sink.waitFor(1);
    expect(ackRaw!.to).toEqual(['marie@labo.test']);
    const ack = (await parseEmail(ackRaw!.raw)).email;
    expect(ack.subject).toBe(`[#${ticket.number}] Demande reçue : Le spectromètre ne démarre plus`);
    expect(ack.inReplyTo).toEqual([sent.messageId.replace(/[<>]/g, '')]);
    expect(ack.messageId).toMatch(/^relais\.[0-9a-f-]+@relais\.test$/);
    expect(ack.headers['auto-submitted']).toEqual(['auto-replied']);
    // Known only by mail, Marie has no portal password yet: no link she could not use.
    expect(ack.text).not.toContain('/portal/');
    expect(ack.html).toContain('Nous avons bien reçu votre demande');

    // Marie answers the acknowledgement from her client: In-Reply-To names our message.
    const answer = await client.sendMail({
      from: 'marie@labo.test', to: SUPPORT, subject: `RE: ${ack.subject}`, inReplyTo: `<${ack.messageId}>`,
      references: [sent.messageId, `<${ack.messageId}>`], text: 'Photo du message en pièce jointe.\n\n> Nous avons bien reçu',
      attachments: [{ filename: 'e42.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47]), contentType: 'image/png' }],
    });
    const second = await ticketOfMessage(answer.messageId.replace(/[<>]/g, ''));
    expect(second.ticket_id).toBe(first.ticket_id);
    expect(second.decision.reason).toBe(`Joined #${ticket.number} because In-Reply-To matched our message <${ack.messageId}>.`);

    // The agent answers in the console (API): the reply goes out by mail, threaded, with both Message-IDs.
    const res = await t.app.inject({
      method: 'POST', url: `/api/v1/tickets/${ticket.number}/replies`, headers: { authorization: `Bearer ${admin.token}` },
      payload: { body: 'Bonjour Marie,\n\nPouvez-vous **débrancher** l’appareil 30 secondes ?' },
    });
    expect(res.statusCode).toBe(201);
    const [, replyRaw] = await sink.waitFor(2);
    const reply = (await parseEmail(replyRaw!.raw)).email;
    expect(reply.subject).toBe(`Re: [#${ticket.number}] Le spectromètre ne démarre plus`);
    expect(reply.references).toEqual(expect.arrayContaining([sent.messageId.replace(/[<>]/g, ''), ack.messageId, answer.messageId.replace(/[<>]/g, '')]));
    expect(reply.headers['auto-submitted']).toBeUndefined();
    expect(reply.html).toContain('<strong>débrancher</strong>');
    expect(reply.text).toContain('Pouvez-vous **débrancher**');

    const status = await eventually(async () => {
      const row = await t.db.one<{ status: string }>("SELECT status FROM outbound_messages WHERE ticket_id = $1 AND kind = 'reply'", [first.ticket_id]);
      return row?.status === 'sent' ? row : null;
    });
    expect(status.status).toBe('sent');
  });

  it('answers 550 for an address that is not ours and keeps nothing', async () => {
    await expect(client.sendMail({ from: 'a@b.test', to: 'someone-else@relais.test', subject: 'x', text: 'y' })).rejects.toThrow(/550/);
  });

  it('a second delivery of the same message (a retrying MTA) is acknowledged and filed once', async () => {
    const raw = `Message-ID: <retry-1@mta.test>\r\nFrom: bob@client.test\r\nTo: ${SUPPORT}\r\nSubject: Une seule fois\r\n\r\nBonjour\r\n`;
    const a = await client.sendMail({ envelope: { from: 'bob@client.test', to: [SUPPORT] }, raw });
    const b = await client.sendMail({ envelope: { from: 'bob@client.test', to: [SUPPORT] }, raw });
    expect(a.response).toMatch(/^250/);
    expect(b.response).toMatch(/^250 .*duplicate/);
    await ticketOfMessage('retry-1@mta.test');
    const n = await t.db.one<{ n: string }>("SELECT count(*) AS n FROM tickets WHERE subject = 'Une seule fois'");
    expect(Number(n!.n)).toBe(1);
  });
});
