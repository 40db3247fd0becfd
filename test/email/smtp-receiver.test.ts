import net from 'node:net';
import { Writable } from 'node:stream';
import { createTransport } from 'nodemailer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AcceptInput, AcceptResult } from '../../src/channels/email/accept-types.js';
import { startSmtpReceiver, type SmtpReceiver } from '../../src/channels/email/smtp-receiver.js';
import { DomainError } from '../../src/domain/errors.js';

const MAX_BYTES = 8 * 1024;
const SECRET_BODY = 'The printer on floor 2 is jammed again (body marker 7f3a)';

interface SmtpFailure extends Error {
  responseCode?: number;
  response?: string;
  code?: string;
  rejected?: string[];
}

/** What a real ingestion does in the ways that matter here: refuse empty input, store, deduplicate by content. */
function storingAccept(stored: AcceptInput[]) {
  return async (input: AcceptInput): Promise<AcceptResult> => {
    if (input.raw.toString('latin1').trim() === '') throw new DomainError('EMAIL_EMPTY', 'The message is empty.');
    const earlier = stored.findIndex((s) => s.raw.equals(input.raw));
    if (earlier >= 0) return { id: `in-${earlier + 1}`, duplicate: true };
    stored.push(input);
    return { id: `in-${stored.length}`, duplicate: false };
  };
}

/** Speaks SMTP by hand: returns the greeting then one (possibly multi-line) reply per command. */
async function smtpDialogue(port: number, commands: string[]): Promise<string[]> {
  const socket = net.connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  let buffer = '';
  const replies: string[] = [];
  let waiting: (() => void) | null = null;
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    // A reply is complete at a line "NNN text" (a dash after the code means more lines follow).
    for (let m = /(^|\r\n)\d{3} [^\r\n]*\r\n/.exec(buffer); m; m = /(^|\r\n)\d{3} [^\r\n]*\r\n/.exec(buffer)) {
      const end = m.index + m[0].length;
      replies.push(buffer.slice(0, end).trim());
      buffer = buffer.slice(end);
      waiting?.();
    }
  });
  const next = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no SMTP reply ${n}: ${replies.join(' | ')}`)), 5_000);
      const check = () => {
        if (replies.length >= n) {
          clearTimeout(t);
          waiting = null;
          resolve();
        }
      };
      waiting = check;
      check();
    });
  await next(1);
  for (const [i, c] of commands.entries()) {
    socket.write(`${c}\r\n`);
    await next(i + 2);
  }
  socket.destroy();
  return replies;
}

describe('SMTP receiver', () => {
  let receiver: SmtpReceiver;
  let stored: AcceptInput[];
  let accept: (input: AcceptInput) => Promise<AcceptResult>;
  const logLines: string[] = [];

  beforeAll(async () => {
    const log = pino({ level: 'debug' }, new Writable({
      write(chunk: Buffer, _enc, cb) {
        logLines.push(chunk.toString());
        cb();
      },
    }));
    receiver = await startSmtpReceiver({
      host: '127.0.0.1',
      port: 0,
      supportAddresses: ['support@relais.test', 'help@relais.test'],
      maxMessageBytes: MAX_BYTES,
      accept: (input) => accept(input),
      log,
    });
  });
  afterAll(async () => {
    await receiver.close();
  });
  beforeEach(() => {
    stored = [];
    accept = storingAccept(stored);
  });

  const transport = () => createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true });
  const send = (opts: { to: string | string[]; subject?: string; text?: string; from?: string }) =>
    transport().sendMail({
      from: opts.from ?? 'Jane <jane@client.test>',
      to: opts.to,
      subject: opts.subject ?? 'Printer',
      text: opts.text ?? SECRET_BODY,
    });
  /** One raw SMTP transaction through nodemailer's connection, to control the envelope (SIZE) and the bytes. */
  const sendRaw = (envelope: { from: string; to: string[]; size?: number }, raw: string | Buffer) =>
    new Promise<{ response?: string }>((resolve, reject) => {
      const conn = new SMTPConnection({ host: '127.0.0.1', port: receiver.port, ignoreTLS: true });
      conn.once('error', reject);
      conn.connect(() => {
        conn.send(envelope, raw, (err, info) => {
          conn.quit();
          if (err) reject(err);
          else resolve(info);
        });
      });
    });

  it('accepts mail for a support address (any case), hands over the whole message and envelope, answers with the id', async () => {
    const info = await send({ to: ['Support <SUPPORT@Relais.TEST>'], subject: 'Imprimante en panne' });
    expect(info.response).toMatch(/^250 2\.6\.0 Accepted <in-1>$/);
    // nodemailer lower-cases the domain; the local part's case is kept, and still matches.
    expect(info.accepted).toEqual(['SUPPORT@relais.test']);
    expect(stored).toHaveLength(1);
    const got = stored[0]!;
    expect(got.source).toBe('smtp');
    expect(got.sourceDetail).toMatch(/127\.0\.0\.1/);
    expect(got.envelopeFrom).toBe('jane@client.test');
    expect(got.envelopeTo).toEqual(['SUPPORT@relais.test']);
    const raw = got.raw.toString('utf8');
    expect(raw).toContain('Subject: Imprimante en panne');
    expect(raw).toContain(SECRET_BODY);
    // The end-of-data dot is not part of the message.
    expect(raw.endsWith('\r\n.\r\n')).toBe(false);
  });

  it('says so when the message was already received', async () => {
    const raw = ['From: jane@client.test', 'To: support@relais.test', 'Message-ID: <m1@client.test>', 'Subject: Hi', '', 'Hello', ''].join('\r\n');
    const env = { from: 'jane@client.test', to: ['support@relais.test'] };
    expect((await sendRaw(env, raw)).response).toBe('250 2.6.0 Accepted <in-1>');
    expect((await sendRaw(env, raw)).response).toBe('250 2.6.0 Accepted <in-1> (duplicate: already received)');
    expect(stored).toHaveLength(1);
  });

  it('refuses other recipients with 550 5.1.1 and still delivers to the support address among them', async () => {
    const refused = await send({ to: 'someone@relais.test' }).then(
      () => null,
      (err: SmtpFailure) => err,
    );
    expect(refused?.code).toBe('EENVELOPE');
    expect(refused?.responseCode).toBe(550);
    expect(refused?.response).toMatch(/^550 5\.1\.1 Mailbox unavailable: .*not <someone@relais\.test>/);
    expect(refused?.rejected).toEqual(['someone@relais.test']);

    const info = await send({ to: ['someone@relais.test', 'help@relais.test'] });
    expect(info.rejected).toEqual(['someone@relais.test']);
    expect(info.accepted).toEqual(['help@relais.test']);
    expect(stored.map((s) => s.envelopeTo)).toEqual([['help@relais.test']]);
  });

  it('answers 451 when storing fails, so the client keeps the message and a retry gets it through', async () => {
    let failures = 1;
    const inner = accept;
    accept = async (input) => {
      if (failures-- > 0) throw new Error('disk full');
      return inner(input);
    };
    const err = await send({ to: 'support@relais.test' }).then(() => null, (e: SmtpFailure) => e);
    expect(err?.code).toBe('EMESSAGE');
    expect(err?.responseCode).toBe(451);
    expect(err?.response).toMatch(/^451 4\.3\.0 Temporary failure/);
    expect(stored).toHaveLength(0);
    expect(logLines.some((l) => l.includes('could not be stored') && l.includes('disk full'))).toBe(true);

    const info = await send({ to: 'support@relais.test' });
    expect(info.response).toMatch(/^250 /);
    expect(stored).toHaveLength(1);
  });

  it('answers 250 only once accept resolved', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let called!: () => void;
    const acceptCalled = new Promise<void>((r) => (called = r));
    const inner = accept;
    accept = async (input) => {
      called();
      await gate;
      return inner(input);
    };
    let answered = false;
    const sending = send({ to: 'support@relais.test' }).then((info) => {
      answered = true;
      return info;
    });
    await acceptCalled;
    await new Promise((r) => setTimeout(r, 300));
    expect(answered).toBe(false);
    expect(stored).toHaveLength(0);
    release();
    const info = await sending;
    expect(answered).toBe(true);
    expect(info.response).toMatch(/^250 2\.6\.0 Accepted <in-1>$/);
    expect(stored).toHaveLength(1);
  });

  it('announces SIZE and refuses a larger message with 552 5.3.4, from the MAIL FROM size or the data itself', async () => {
    let calls = 0;
    const inner = accept;
    accept = (input) => {
      calls++;
      return inner(input);
    };
    const env = { from: 'jane@client.test', to: ['support@relais.test'] };
    // nodemailer reads the announced SIZE and does not even try…
    const declared = await sendRaw({ ...env, size: MAX_BYTES + 1 }, 'Subject: x\r\n\r\nsmall\r\n').then(() => null, (e: SmtpFailure) => e);
    expect(declared?.message).toBe(`Message size larger than allowed ${MAX_BYTES}`);
    // …so a hand-written dialogue checks that the server refuses a declared size over the limit.
    const dialogue = await smtpDialogue(receiver.port, ['EHLO client.test', `MAIL FROM:<jane@client.test> SIZE=${MAX_BYTES + 1}`, 'QUIT']);
    expect(dialogue[1]).toContain(`SIZE ${MAX_BYTES}`);
    expect(dialogue[2]).toMatch(/^552 5\.3\.4 /);

    const big = await send({ to: 'support@relais.test', text: 'x'.repeat(MAX_BYTES * 3) }).then(() => null, (e: SmtpFailure) => e);
    expect(big?.code).toBe('EMESSAGE');
    expect(big?.responseCode).toBe(552);
    expect(big?.response).toMatch(/^552 5\.3\.4 /);
    expect(calls).toBe(0);
    expect(stored).toHaveLength(0);

    // The receiver read past the big message and keeps working.
    expect((await send({ to: 'support@relais.test' })).response).toMatch(/^250 /);
  });

  it('refuses an empty message with 554 5.6.0', async () => {
    const err = await sendRaw({ from: 'jane@client.test', to: ['support@relais.test'] }, '   \r\n').then(() => null, (e: SmtpFailure) => e);
    expect(err?.responseCode).toBe(554);
    expect(err?.response).toMatch(/^554 5\.6\.0 The message is empty/);
  });

  it('offers neither AUTH nor STARTTLS, and never logs message contents', async () => {
    const features = await new Promise<string>((resolve, reject) => {
      const conn = new SMTPConnection({ host: '127.0.0.1', port: receiver.port, ignoreTLS: true });
      conn.once('error', reject);
      conn.connect(() => {
        // nodemailer keeps the EHLO reply's extensions; AUTH methods would be listed in allowsAuth.
        const c = conn as unknown as { _supportedExtensions: string[]; allowsAuth: boolean };
        resolve(`${c._supportedExtensions.join(' ')} auth=${c.allowsAuth}`);
        conn.quit();
      });
    });
    expect(features).toContain(`SIZE`);
    expect(features).not.toContain('STARTTLS');
    expect(features).toContain('auth=false');
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(SECRET_BODY);
    expect(logLines.join('\n')).not.toContain('Imprimante');
  });
});
