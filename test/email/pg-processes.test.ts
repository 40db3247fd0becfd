/**
 * Two Relais processes on one PostgreSQL database (RELAIS_TEST_ENGINE=postgres only), each with its own SMTP
 * receiver, sharing the inbound queue and the outbound queue: every message is filed once, and every
 * acknowledgement is sent once, even when the same message reaches both processes.
 */
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { openDatabase, type Database } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { makeDeps } from '../../src/usecases/deps.js';
import { freePort } from '../support/free-port.js';
import { freshPgDatabaseUrl, testConfig, testEngine } from '../support/harness.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { eventually, SUPPORT } from './support.js';

describe.runIf(testEngine() === 'postgres')('two processes sharing the mail queues', () => {
  const dbs: Database[] = [];
  const apps: Array<Awaited<ReturnType<typeof buildApp>>> = [];
  const ports: number[] = [];
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    const url = await freshPgDatabaseUrl();
    for (let i = 0; i < 2; i++) dbs.push(await openDatabase({ databaseUrl: url, dataDir: null, poolSize: 4 }));
    await migrate(dbs[0]!);
    for (const db of dbs) {
      const port = await freePort();
      ports.push(port);
      const app = await buildApp({
        deps: makeDeps(db),
        logger: false,
        config: testConfig({
          DATABASE_URL: url, RELAIS_SMTP_PORT: String(port), RELAIS_SUPPORT_ADDRESSES: SUPPORT, RELAIS_SMTP_OUT_URL: sink.url,
          RELAIS_EMAIL_SENDER_LIMIT_PER_HOUR: '1000',
        }),
      });
      await app.ready();
      apps.push(app);
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const db of dbs) await db.close();
    await sink.close();
  });

  it('files each message once and sends each acknowledgement once', async () => {
    const clients = ports.map((port) => createTransport({ host: '127.0.0.1', port, pool: true, maxConnections: 3, ignoreTLS: true }));
    const total = 40;
    const sends: Array<Promise<unknown>> = [];
    for (let i = 0; i < total; i++) {
      const mail = { from: `p${i}@client.test`, to: SUPPORT, subject: `Deux serveurs ${i}`, text: `Message ${i}`, messageId: `<two-${i}@client.test>` };
      sends.push(clients[i % 2]!.sendMail(mail));
      // A quarter of them reach both processes, as when an MTA retries through another MX.
      if (i % 4 === 0) sends.push(clients[(i + 1) % 2]!.sendMail(mail));
    }
    await Promise.all(sends);
    for (const c of clients) c.close();

    const db = dbs[0]!;
    await eventually(async () => {
      const r = await db.one<{ pending: string; queued: string }>(
        `SELECT (SELECT count(*) FROM inbound_messages WHERE status = 'received') AS pending,
                (SELECT count(*) FROM outbound_messages WHERE status = 'queued') AS queued`);
      const filed = await db.one<{ n: string }>("SELECT count(*) AS n FROM inbound_messages WHERE status = 'processed'");
      return Number(r!.pending) === 0 && Number(r!.queued) === 0 && Number(filed!.n) === total;
    }, 30_000);
    const perSubject = await db.query<{ subject: string; n: string }>(
      "SELECT subject, count(*) AS n FROM tickets WHERE subject LIKE 'Deux serveurs %' GROUP BY subject");
    expect(perSubject).toHaveLength(total);
    expect(perSubject.filter((r) => Number(r.n) !== 1)).toEqual([]);
    // Both processes did some of the filing? Not guaranteed; what is guaranteed is once each.
    await sink.waitFor(total);
    await new Promise((r) => setTimeout(r, 500));
    const acks = sink.messages.map((m) => m.to.join(','));
    expect(acks).toHaveLength(total);
    expect(new Set(acks).size).toBe(total);
  });
});
