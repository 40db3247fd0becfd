/**
 * E-mail ingestion benchmark. Usage:
 *
 *   npm run bench:email -- --engine embedded|postgres|both [--messages 2000] [--clients 4] [--tickets 10000]
 *                          [--rate 0] [--built]
 *
 * Starts `relais serve` with its SMTP receiver on 127.0.0.1 (and outbound mail to a local SMTP sink, so
 * acknowledgements are queued and sent as in production), on a database that already holds `--tickets` tickets.
 * Then `--clients` SMTP connections (nodemailer) deliver `--messages` real messages: 60 % new requests from 400
 * senders, 30 % replies that thread through References, 10 % with a 40 KB attachment. It measures:
 *  - acceptance: the SMTP transaction, answered 250 only once the message is durably stored (p50/p99);
 *  - filing: from the start of the SMTP transaction until the message is filed on a ticket (parse → requester →
 *    thread → store → timeline → acknowledgement queued), read from the server's own timestamps;
 *  - throughput: messages filed per second over the whole run.
 * `--rate N` offers N messages per second in all (a steady load below capacity: the latency a requester sees);
 * 0 sends as fast as the server accepts (throughput). Writes JSON to bench/results/ and prints a markdown table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { createTransport } from 'nodemailer';
import type { Engine } from '../src/store/db.js';
import { freePort } from '../test/support/free-port.js';
import { SmtpSink } from '../test/support/smtp-sink.js';
import { enginesArg, intArg } from './args.js';
import { generate } from './generate.js';
import { startServer } from './server.js';
import { prepareTarget } from './target.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'embedded' },
    messages: { type: 'string', default: '2000' },
    clients: { type: 'string', default: '4' },
    tickets: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '0' },
    built: { type: 'boolean', default: false },
  },
  strict: true,
});
const engines = enginesArg(values.engine);
const MESSAGES = intArg('messages', values.messages, 10, 100_000);
const CLIENTS = intArg('clients', values.clients, 1, 64);
const TICKETS = intArg('tickets', values.tickets, 0, 1_000_000);
/** Messages per second offered in all (0: as fast as the server accepts them). */
const RATE = intArg('rate', values.rate, 0, 10_000);
const SUPPORT = 'support@bench.test';
const log = (msg: string) => console.error(msg);

interface Planned {
  raw: Buffer;
  messageId: string;
  kind: 'new' | 'reply' | 'attachment';
}

/** A deterministic mix of real messages, composed before the clock starts. */
async function plan(runId: string): Promise<Planned[]> {
  const out: Planned[] = [];
  const sent: Array<{ messageId: string; sender: number; subject: string }> = [];
  const attachment = Buffer.alloc(40 * 1024, 'relais-bench-attachment ');
  for (let i = 0; i < MESSAGES; i++) {
    const slot = i % 10;
    const messageId = `bench-${runId}-${i}@client.test`;
    let kind: Planned['kind'] = slot < 6 ? 'new' : slot < 9 ? 'reply' : 'attachment';
    if (kind === 'reply' && sent.length === 0) kind = 'new';
    const base = { messageId: `<${messageId}>`, to: SUPPORT, date: new Date() };
    let mail: ConstructorParameters<typeof MailComposer>[0];
    if (kind === 'reply') {
      const parent = sent[(i * 7919) % sent.length]!;
      mail = {
        ...base, from: `user${parent.sender}@client.test`, subject: `RE: ${parent.subject}`,
        inReplyTo: `<${parent.messageId}>`, references: [`<${parent.messageId}>`],
        text: `Toujours le même problème ce matin, voir ci-dessous.\n\n> Message précédent\n> ${parent.subject}`,
      };
    } else {
      const sender = i % 400;
      const subject = `Imprimante ${i} du bâtiment ${sender % 7} hors ligne`;
      mail = {
        ...base, from: `"Utilisateur ${sender}" <user${sender}@client.test>`, subject,
        text: `Bonjour,\n\nL'imprimante ${i} affiche une erreur 0x${(i * 2654435761 >>> 0).toString(16)} depuis ce matin.\n\nCordialement`,
        html: `<p>Bonjour,</p><p>L'imprimante <b>${i}</b> affiche une erreur depuis ce matin.</p><p>Cordialement</p>`,
        ...(kind === 'attachment' ? { attachments: [{ filename: `journal-${i}.log`, content: attachment }] } : {}),
      };
      sent.push({ messageId, sender, subject });
    }
    out.push({ raw: await new MailComposer(mail).compile().build(), messageId, kind });
  }
  return out;
}

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const sortNum = (a: number[]) => [...a].sort((x, y) => x - y);

async function metric(base: URL, state: 'pending' | 'failed'): Promise<number> {
  const text = await (await fetch(new URL('/metrics', base))).text();
  const m = new RegExp(`relais_email_messages\\{direction="inbound",state="${state}"\\} (\\d+)`).exec(text);
  return m ? Number(m[1]) : NaN;
}

async function runEngine(engine: Engine) {
  const target = await prepareTarget(engine, false);
  const sink = await new SmtpSink().start();
  try {
    if (TICKETS > 0) {
      const db = await target.open();
      log(`${engine}: generating ${TICKETS} tickets…`);
      await generate(db, { tickets: TICKETS, seed: 42, log });
      await db.close();
    }
    const runId = Date.now().toString(36);
    const messages = await plan(runId);
    const smtpPort = await freePort();
    const server = await startServer({
      ...target.env, RELAIS_SMTP_PORT: String(smtpPort), RELAIS_SUPPORT_ADDRESSES: SUPPORT, RELAIS_SMTP_OUT_URL: sink.url,
      RELAIS_EMAIL_SENDER_LIMIT_PER_HOUR: '100000', RELAIS_ATTACHMENTS_DIR: path.join(os.tmpdir(), `relais-bench-attachments-${runId}`),
    }, values.built);
    const accept: number[] = [];
    const startedAt = new Map<string, number>();
    let failures = 0;
    const client = createTransport({ host: '127.0.0.1', port: smtpPort, pool: true, maxConnections: CLIENTS, maxMessages: Infinity, ignoreTLS: true });
    log(`${engine}: delivering ${MESSAGES} messages over ${CLIENTS} SMTP connections…`);
    const t0 = Date.now();
    let next = 0;
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (next < messages.length) {
        const index = next++;
        const m = messages[index]!;
        if (RATE > 0) {
          const due = t0 + (index * 1000) / RATE;
          if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
        }
        const started = performance.now();
        startedAt.set(m.messageId, Date.now());
        try {
          await client.sendMail({ envelope: { from: 'sender@client.test', to: [SUPPORT] }, raw: m.raw });
          accept.push(performance.now() - started);
        } catch {
          failures += 1;
        }
      }
    }));
    const acceptedIn = Date.now() - t0;
    client.close();
    // Filing continues in the background: wait until nothing is pending.
    const deadline = Date.now() + 30 * 60_000;
    while ((await metric(server.base, 'pending')) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const filedIn = Date.now() - t0;
    const failed = await metric(server.base, 'failed');
    await server.stop();
    fs.rmSync(path.join(os.tmpdir(), `relais-bench-attachments-${runId}`), { recursive: true, force: true });

    // The server's own timestamps: when each message was filed.
    const db = await target.open();
    const rows = await db.query<{ message_id: string; processed_at: Date; status: string; classification: string | null; ticket_id: string | null }>(
      "SELECT message_id, processed_at, status, classification, ticket_id FROM inbound_messages WHERE message_id LIKE $1", [`bench-${runId}-%`]);
    const outbound = await db.one<{ n: string }>("SELECT count(*) AS n FROM outbound_messages WHERE status = 'sent'");
    await db.close();
    const filing = sortNum(rows.filter((r) => r.processed_at).map((r) => r.processed_at.getTime() - startedAt.get(r.message_id)!));
    const lastFiled = Math.max(...rows.map((r) => r.processed_at?.getTime() ?? 0));
    const a = sortNum(accept);
    const result = {
      engine, description: target.description, messages: MESSAGES, clients: CLIENTS, tickets: TICKETS, rate: RATE,
      smtpFailures: failures, stored: rows.length, filed: rows.filter((r) => r.status === 'processed').length, failed,
      joined: rows.filter((r) => r.ticket_id).length, acksSent: Number(outbound!.n),
      acceptMsPerMessage: { p50: pct(a, 50), p99: pct(a, 99) },
      filingMs: { p50: pct(filing, 50), p99: pct(filing, 99) },
      acceptedPerSecond: (MESSAGES / acceptedIn) * 1000,
      filedPerSecond: (rows.length / (lastFiled - t0)) * 1000,
      acceptedInMs: acceptedIn, filedInMs: filedIn,
    };
    return result;
  } finally {
    await sink.close();
    await target.cleanup();
  }
}

const results = [];
for (const engine of engines) results.push(await runEngine(engine));
const f = (n: number, d = 1) => n.toFixed(d);
console.log(`\n| Engine | Messages | SMTP clients | Offered/s | Accepted/s | Filed/s | Accept p50 / p99 (ms) | Accept → filed p50 / p99 (ms) | Failures |`);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.engine} | ${r.messages} | ${r.clients} | ${r.rate || 'max'} | ${f(r.acceptedPerSecond)} | ${f(r.filedPerSecond)} | ${f(r.acceptMsPerMessage.p50)} / ${f(r.acceptMsPerMessage.p99)} | ${f(r.filingMs.p50, 0)} / ${f(r.filingMs.p99, 0)} | ${r.smtpFailures + r.failed} |`);
}
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
const file = path.join(root, 'bench', 'results', `email-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, JSON.stringify(results, null, 2));
log(`\nwrote ${path.relative(root, file)}`);
