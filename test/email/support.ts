import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';

let n = 0;

/** A real RFC 5322 message, built by nodemailer's composer (the same code that sends mail in production). */
export async function rawMail(opts: Mail.Options & { headers?: Record<string, string> }): Promise<Buffer> {
  n += 1;
  const message = new MailComposer({
    messageId: `<test-${process.pid}-${Date.now()}-${n}@client.test>`,
    date: new Date(),
    text: 'Bonjour,\n\nMon imprimante ne répond plus.\n\nMerci',
    ...opts,
  }).compile();
  return message.build();
}

/** The Message-ID a composed message carries, without angle brackets. */
export function messageIdOf(raw: Buffer): string {
  const m = /^Message-ID:\s*<([^>]+)>/im.exec(raw.toString('latin1'));
  if (!m) throw new Error('no Message-ID');
  return m[1]!;
}

export const SUPPORT = 'support@relais.test';

/** Waits until `check` returns a value (polling), for work the background workers do. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
