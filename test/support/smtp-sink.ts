import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SinkMessage {
  /** MAIL FROM, or null for the null sender <>. */
  from: string | null;
  /** RCPT TO, in order. */
  to: string[];
  raw: Buffer;
}

/**
 * A real SMTP server on 127.0.0.1 that records every message it accepts: the relay the outbound sender talks to
 * in tests. `failNext(n, code)` makes the next n DATA commands fail with that code (451: try again; 550: refused).
 */
export class SmtpSink {
  readonly messages: SinkMessage[] = [];
  /** Every DATA seen, accepted or failed: what a test counts to see retries. */
  attempts = 0;
  private failures: Array<{ code: number; message: string }> = [];
  private server: SMTPServer | null = null;
  private waiters: Array<() => void> = [];
  port = 0;

  /** smtp://127.0.0.1:<port> (no TLS, no login), for RELAIS_SMTP_OUT_URL or the sender's smtpUrl. */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      closeTimeout: 200,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.attempts++;
          const failure = this.failures.shift();
          if (failure) return callback(Object.assign(new Error(failure.message), { responseCode: failure.code }));
          this.messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks),
          });
          for (const w of this.waiters.splice(0)) w();
          callback(null, 'Queued');
        });
      },
    });
    server.on('error', () => undefined); // a client that hangs up mid-session is not a test failure
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    return this;
  }

  /** The next `n` messages are answered `code` after their data (default 451, a temporary failure). */
  failNext(n: number, code = 451, message = code >= 500 ? 'Message refused by the test sink' : 'Try again later'): void {
    for (let i = 0; i < n; i++) this.failures.push({ code, message });
  }

  /** Forgets what was received and any failures still planned (between tests sharing one sink). */
  reset(): void {
    this.messages.length = 0;
    this.attempts = 0;
    this.failures = [];
  }

  /** Resolves once at least `count` messages were accepted (or rejects after `timeoutMs`). */
  async waitFor(count: number, timeoutMs = 10_000): Promise<SinkMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`SMTP sink: ${this.messages.length} of ${count} messages after ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.messages;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
