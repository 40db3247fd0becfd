/**
 * CI-only: the e-mail corpora of ../shared/corpora/email (notmuch's real mailing-list threads and edge cases,
 * enmime's malformed MIME) through the real ingestion pipeline (acceptAndProcess: store → parse → classify →
 * thread → ticket/timeline/attachments), on one app on the embedded engine. Three promises of issue 4:
 *   1. every message is ingested without a crash, and a message delivered twice is stored once;
 *   2. no readable text part is lost: each text/plain and text/html part, read by an independent MIME walker
 *      (./mime-walk.ts), is found in what Relais stored for that message;
 *   3. threads rebuild as their headers say: a reply lands in its parent's ticket, or the decision records that
 *      the parent's ticket was refused because the sender is not on it (a stranger never joins someone else's
 *      ticket).
 * Run with `npm run test:corpora`; when the corpora are missing it skips, unless RELAIS_CORPORA_REQUIRED=1.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { convert } from 'html-to-text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEmail } from '../../src/channels/email/parse.js';
import type { InboundRow } from '../../src/store/email.js';
import { acceptAndProcess, type MailDeps } from '../../src/usecases/email/ingest.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { headerValue, leaves, topHeaders, walkMessage, type MimeLeaf } from './mime-walk.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpora/email');
const FOLDERS = ['notmuch', 'enmime'];
const REQUIRED = process.env.RELAIS_CORPORA_REQUIRED === '1';
const present = FOLDERS.every((f) => existsSync(path.join(ROOT, f)));
const SUPPORT = 'support@relais.test';

/** Licence and provenance files beside the messages. */
const NOT_MAIL = /^(LICENSE|COPYING.*|README.*|SOURCE\.txt)$/;
/** A header block starts a message: at least one of these fields must be in it (decided by content, not name). */
const MESSAGE_FIELDS = new Set(['from', 'to', 'subject', 'date', 'message-id', 'content-type', 'mime-version', 'received', 'return-path']);

/**
 * Readable parts the check is known not to find, keyed by corpus path and the walker's part path, each with why.
 * The test fails when one of them is found again, so a fix shows up and the entry goes.
 */
// enmime/parts/chardet-success-big-5.raw declares no charset: Relais reads undeclared 8-bit text as windows-1252
// (right for the Western mail it mostly gets) and this walker reads it as Latin-1, so both give the same mojibake
// and the check passes; only statistical detection would read it as Big5.
const KNOWN_TEXT_EXCEPTIONS: Record<string, string> = {
  'enmime/parts/multi-malformed.raw#1.2':
    'A body part with neither header fields nor the blank line after its delimiter ("I\'m section without headers"): ' +
    'mailparser (mailsplit) reads that line as a malformed header and drops it. A real loss in the MIME library, ' +
    'open: parse.ts cannot recover it from simpleParser\'s output.',
};

interface Delivery {
  file: string;
  raw: Buffer;
  messageId: string | null;
  /** Message-IDs named by In-Reply-To then References (nearest first), read from the headers here. */
  parents: string[];
  date: number | null;
  listHeadersRenamed: boolean;
  // Filled in while delivering:
  inboundId?: string;
  duplicate?: boolean;
  order?: number;
}

interface Failure {
  file: string;
  problem: string;
}

function corpusFiles(): string[] {
  const out: string[] = [];
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) visit(full);
      else if (!NOT_MAIL.test(name)) out.push(full);
    }
  };
  for (const f of FOLDERS) visit(path.join(ROOT, f));
  return out;
}

const isMessage = (raw: Buffer): boolean => topHeaders(raw).some((h) => MESSAGE_FIELDS.has(h.name));

/** Message-IDs in a header value, in order: the bracketed ones, else bare tokens with an @. */
function ids(value: string | undefined): string[] {
  if (!value) return [];
  const bracketed = [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  return bracketed.length > 0 ? bracketed : value.split(/[\s,]+/).filter((t) => t.includes('@'));
}

/**
 * Relais files list traffic (Precedence: list/bulk, List-Id, List-Unsubscribe) as bulk mail that never opens a
 * ticket, by design (src/domain/email/classify.ts, covered by its unit tests). Delivered as they are, the
 * mailing-list posts (most of notmuch's) would be ignored and neither the text nor the thread checks would see them. The corpus is
 * here for its MIME and its threads, so each message is delivered as if its author had written to the help desk
 * directly: those three header names (in the top-level header block only) get an `X-Corpus-Was-` prefix.
 * Nothing else in the message changes.
 */
function asDirectMail(raw: Buffer): { raw: Buffer; renamed: boolean } {
  const s = raw.toString('latin1');
  const end = /\r?\n\r?\n/.exec(s);
  const head = end ? s.slice(0, end.index) : s;
  const renamedHead = head.replace(/^(precedence|list-id|list-unsubscribe)(?=[ \t]*:)/gim, 'X-Corpus-Was-$1');
  if (renamedHead === head) return { raw, renamed: false };
  return { raw: Buffer.from(renamedHead + s.slice(head.length), 'latin1'), renamed: true };
}

function dateOf(value: string | undefined): number | null {
  if (!value) return null;
  const t = Date.parse(value.replace(/\([^)]*\)/g, ' ').trim());
  return Number.isNaN(t) ? null : t;
}

function prepare(file: string): Delivery {
  const direct = asDirectMail(readFileSync(file));
  const headers = topHeaders(direct.raw);
  const inReplyTo = ids(headerValue(headers, 'in-reply-to'));
  const references = ids(headerValue(headers, 'references')).reverse();
  const parents = [...new Set([...inReplyTo, ...references])];
  return {
    file: path.relative(ROOT, file),
    raw: direct.raw,
    messageId: ids(headerValue(headers, 'message-id'))[0] ?? null,
    parents,
    date: dateOf(headerValue(headers, 'date')),
    listHeadersRenamed: direct.renamed,
  };
}

/** Oldest first, as the threads were written; undated messages last; ties by path. */
function byDate(a: Delivery, b: Delivery): number {
  if (a.date !== null && b.date !== null && a.date !== b.date) return a.date - b.date;
  if ((a.date === null) !== (b.date === null)) return a.date === null ? 1 : -1;
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

// ---- Text comparison -----------------------------------------------------------------------------------------

/** HTML → text, the same way for a raw part and for what Relais stored (links' URLs, images and styles left out). */
function htmlText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'style', format: 'skip' },
      { selector: 'script', format: 'skip' },
      { selector: 'head', format: 'skip' },
    ],
  });
}

/** Words of three letters or more, case- and Unicode-normalized: robust to wrapping, markup and punctuation. */
const words = (text: string): string[] => text.normalize('NFC').toLowerCase().match(/\p{L}{3,}/gu) ?? [];

const SAMPLE_WORDS = 10;
const MIN_WORDS = 1;

/** Control characters (other than tab, line breaks, form feed) in more than 1% of it: binary mislabelled as text. */
function looksBinary(text: string): boolean {
  const controls = text.match(/[\u0000-\u0008\u000E-\u001F\u007F]/g)?.length ?? 0;
  return controls > text.length / 100;
}

function partText(leaf: MimeLeaf): string {
  const text = leaf.text ?? '';
  return leaf.type === 'text/html' ? htmlText(text) : text;
}

/** What a reader finds of one message in Relais: its entries' text, full text and HTML, and its attachments. */
interface Stored {
  haystack: string;
  attachmentShas: Set<string>;
}

function storedAttachmentText(contentType: string, bytes: Buffer): string {
  if (contentType.startsWith('message/')) {
    return leaves(walkMessage(bytes)).filter((l) => l.text !== null).map(partText).join('\n');
  }
  if (contentType.startsWith('text/')) {
    const text = bytes.toString('utf8');
    return contentType === 'text/html' ? htmlText(text) : text;
  }
  return '';
}

async function storedFor(t: TestApp, mail: MailDeps['mail'], inboundId: string): Promise<Stored> {
  // A ticket.created entry has no body: the mail's text is the ticket's description.
  const entries = await t.db.query<{ body: string | null; description: string | null; data: { email?: { full_text?: string | null; html?: string | null } } }>(
    `SELECT e.body, CASE WHEN e.kind = 'ticket.created' THEN t.description END AS description, e.data
     FROM timeline_entries e JOIN tickets t ON t.id = e.ticket_id
     WHERE e.data->'email'->>'inbound_message_id' = $1`,
    [inboundId],
  );
  const files = await t.db.query<{ sha256: string; content_type: string }>('SELECT sha256, content_type FROM attachments WHERE inbound_message_id = $1', [inboundId]);
  const texts: string[] = [];
  for (const e of entries) {
    texts.push(e.body ?? '', e.description ?? '', e.data.email?.full_text ?? '');
    if (e.data.email?.html) texts.push(htmlText(e.data.email.html));
  }
  for (const f of files) texts.push(storedAttachmentText(f.content_type, await mail.blobs.read(f.sha256)));
  return { haystack: ` ${words(texts.join('\n')).join(' ')} `, attachmentShas: new Set(files.map((f) => f.sha256)) };
}

/** For a message Relais ignored by design (no sender, automatic mail matching nothing): what its parser kept. */
async function parsedFor(raw: Buffer): Promise<Stored> {
  const { email, attachments } = await parseEmail(raw);
  const texts = [email.text, email.html ? htmlText(email.html) : ''];
  for (const a of attachments) texts.push(storedAttachmentText(a.meta.contentType, a.content));
  return { haystack: ` ${words(texts.join('\n')).join(' ')} `, attachmentShas: new Set(attachments.map((a) => a.meta.sha256)) };
}

/** The readable parts of a message that `stored` does not contain: part path, type, and the words not found. */
function missingParts(raw: Buffer, stored: Stored): { parts: number; missing: Array<{ part: string; type: string; sample: string }> } {
  const missing: Array<{ part: string; type: string; sample: string }> = [];
  let parts = 0;
  for (const leaf of leaves(walkMessage(raw))) {
    if (leaf.type !== 'text/plain' && leaf.type !== 'text/html') continue;
    // e.g. enmime's chardet-fail.raw: a GIF image sent as text/plain; nobody reads it as text.
    if (looksBinary(leaf.text ?? '')) continue;
    const w = words(partText(leaf));
    if (w.length < MIN_WORDS) continue;
    parts += 1;
    // A part kept as a file (or inside an attached message kept as a file) is there, byte for byte.
    if ([leaf, ...leaf.ancestors].some((n) => stored.attachmentShas.has(n.sha256))) continue;
    // Its first and its last words, in order: a part dropped, cut short or mis-decoded shows in one of them.
    for (const sample of new Set([w.slice(0, SAMPLE_WORDS).join(' '), w.slice(-SAMPLE_WORDS).join(' ')])) {
      if (!stored.haystack.includes(` ${sample} `)) {
        missing.push({ part: leaf.path, type: leaf.type, sample });
        break;
      }
    }
  }
  return { parts, missing };
}

// ---- The suite -----------------------------------------------------------------------------------------------

describe.skipIf(!present)('e-mail corpora through the ingestion pipeline', () => {
  let t: TestApp;
  let deps: MailDeps;
  const deliveries: Delivery[] = [];
  const crashes: Failure[] = [];
  const skippedFiles: string[] = [];
  const started = Date.now();
  const summary: Record<string, number | string> = {};

  const row = async (id: string) => (await t.db.one<InboundRow>('SELECT * FROM inbound_messages WHERE id = $1', [id]))!;

  beforeAll(async () => {
    t = await startTestApp({
      config: { RELAIS_SUPPORT_ADDRESSES: SUPPORT, RELAIS_EMAIL_SENDER_LIMIT_PER_HOUR: '100000' },
    });
    deps = { ...t.deps, mail: t.app.email.mail };

    for (const file of corpusFiles()) {
      if (isMessage(readFileSync(file))) deliveries.push(prepare(file));
      else skippedFiles.push(path.relative(ROOT, file));
    }
    deliveries.sort(byDate);
    let order = 0;
    for (const d of deliveries) {
      d.order = order++;
      try {
        const r = await acceptAndProcess(deps, { raw: d.raw, source: 'http', sourceDetail: `corpus ${d.file}` });
        d.inboundId = r.id;
        d.duplicate = r.duplicate;
        let stored = await row(r.id);
        // The background processor may have claimed the row between acceptance and processing: let it finish.
        if (stored.status === 'received' && stored.error === null) {
          await t.app.email.drainInbound();
          stored = await row(r.id);
        }
        if (stored.status !== 'processed' && stored.status !== 'ignored') {
          crashes.push({ file: d.file, problem: `status ${stored.status}${stored.error ? `: ${stored.error}` : ''} (outcome ${r.outcome.status})` });
        }
      } catch (err) {
        crashes.push({ file: d.file, problem: `threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}` });
      }
    }
  }, 900_000);

  afterAll(async () => {
    await t?.close();
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    const parts = Object.entries(summary).map(([k, v]) => `${k} ${v}`).join(', ');
    const skipped = skippedFiles.length <= 5 ? `: ${skippedFiles.join(' ')}` : '';
    console.log(`corpora/email: ${deliveries.length} messages (${skippedFiles.length} non-message files skipped${skipped}), ${parts}, ${secs} s`);
  });

  it('ingests every message without a crash', async () => {
    const tickets = await t.db.one<{ n: string }>('SELECT count(*) AS n FROM tickets');
    const byStatus = await t.db.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM inbound_messages GROUP BY status ORDER BY status');
    summary.tickets = Number(tickets!.n);
    for (const s of byStatus) summary[s.status] = Number(s.n);
    summary['list headers renamed'] = deliveries.filter((d) => d.listHeadersRenamed).length;
    const codes = await t.db.query<{ code: string; n: string }>(
      "SELECT coalesce(decision->>'code', '-') AS code, count(*) AS n FROM inbound_messages GROUP BY 1 ORDER BY 2 DESC, 1",
    );
    summary.decisions = `{${codes.map((c) => `${c.code} ${c.n}`).join(', ')}}`;
    expect(deliveries.length).toBeGreaterThan(300);
    expect(crashes, crashes.map((c) => `${c.file}: ${c.problem}`).join('\n')).toEqual([]);
  });

  it('stores a message once, however often it is delivered', async () => {
    // Messages that share a Message-ID (notmuch's duplicate/ folder) are one message: the first copy is filed.
    const byMessageId = new Map<string, Set<string>>();
    for (const d of deliveries) {
      if (d.messageId && d.inboundId) (byMessageId.get(d.messageId) ?? byMessageId.set(d.messageId, new Set()).get(d.messageId)!).add(d.inboundId);
    }
    const split = [...byMessageId].filter(([, rows]) => rows.size > 1).map(([id]) => id);
    expect(split, 'Message-IDs stored more than once').toEqual([]);

    // Every message again: recognised, nothing new filed.
    const count = async (table: string) => Number((await t.db.one<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))!.n);
    const before = { inbound: await count('inbound_messages'), tickets: await count('tickets'), entries: await count('timeline_entries') };
    const wrong: string[] = [];
    for (const d of deliveries) {
      if (!d.inboundId) continue;
      const again = await acceptAndProcess(deps, { raw: d.raw, source: 'http', sourceDetail: `corpus again ${d.file}` });
      if (!again.duplicate || again.id !== d.inboundId) wrong.push(`${d.file}: duplicate=${again.duplicate}, id ${again.id} (first ${d.inboundId})`);
    }
    expect(wrong).toEqual([]);
    const after = { inbound: await count('inbound_messages'), tickets: await count('tickets'), entries: await count('timeline_entries') };
    expect(after).toEqual(before);
    summary['duplicate copies'] = deliveries.filter((d) => d.duplicate).length;
  }, 600_000);

  it('loses no readable text part', async () => {
    const misses: string[] = [];
    const excepted = new Set<string>();
    let checked = 0;
    let textParts = 0;
    let viaParser = 0;
    for (const d of deliveries) {
      // A later copy with the same Message-ID is the same message; its row is the first copy's.
      if (!d.inboundId || d.duplicate) continue;
      const r = await row(d.inboundId);
      let stored: Stored;
      if (r.status === 'ignored') {
        viaParser += 1;
        stored = await parsedFor(d.raw);
      } else {
        stored = await storedFor(t, deps.mail, d.inboundId);
      }
      checked += 1;
      const found = missingParts(d.raw, stored);
      textParts += found.parts;
      for (const m of found.missing) {
        const key = `${d.file}#${m.part}`;
        if (KNOWN_TEXT_EXCEPTIONS[key]) {
          excepted.add(key);
          continue;
        }
        const how = r.status === 'ignored' ? ' [ignored by design: checked against the parser output]' : '';
        misses.push(`${d.file} part ${m.part} (${m.type})${how}: "${m.sample}" not found`);
      }
    }
    summary['text-checked messages'] = checked;
    summary['readable parts'] = textParts;
    summary['ignored ones checked against the parser output'] = viaParser;
    summary['known text exceptions'] = excepted.size;
    expect(misses, misses.join('\n')).toEqual([]);
    const stale = Object.keys(KNOWN_TEXT_EXCEPTIONS).filter((k) => !excepted.has(k));
    expect(stale, `now found: remove from KNOWN_TEXT_EXCEPTIONS: ${stale.join(', ')}`).toEqual([]);
  });

  it('rebuilds the threads the headers describe', async () => {
    const byId = new Map<string, Delivery>();
    for (const d of deliveries) if (d.messageId && d.inboundId && !d.duplicate && !byId.has(d.messageId)) byId.set(d.messageId, d);
    const mismatches: string[] = [];
    let checked = 0;
    let joined = 0;
    let refused = 0;
    let unthreaded = 0;
    for (const d of deliveries) {
      if (!d.inboundId || d.duplicate) continue;
      // The expected parent, from this message's own headers (read here, not by Relais's parser): the nearest
      // message it names (In-Reply-To first, then References from the last) that was delivered before it and filed
      // in a ticket. Names of messages never delivered (notmuch's ghost roots, the typo'd id in parent-priority/)
      // or delivered later (a reference loop: broken/loop/, or a reply dated before its parent) are passed over,
      // and so is a message Relais filed nowhere (ignored: no sender), since there is no ticket to join.
      let parentTicket: string | null = null;
      let parent: Delivery | undefined;
      for (const id of d.parents) {
        const p = byId.get(id);
        if (!p || p === d || p.order! >= d.order!) continue;
        const pr = await row(p.inboundId!);
        if (!pr.ticket_id) continue;
        parent = p;
        parentTicket = pr.ticket_id;
        break;
      }
      const r = await row(d.inboundId);
      const decision = (r.decision ?? {}) as {
        action?: string; code?: string; reason?: string; matched_by?: string | null; matched_message_id?: string | null;
        not_joined?: Array<{ ticketId: string; matchedBy: string }>;
      };
      if (!parent || !parentTicket) {
        // Names no earlier filed message: no Message-ID rule may have matched anything.
        unthreaded += 1;
        if (decision.matched_by === 'ingested_message_id' || (decision.not_joined ?? []).some((n) => n.matchedBy === 'ingested_message_id')) {
          mismatches.push(`${d.file}: names no earlier message, but ${decision.action}/${decision.code}: ${decision.reason}`);
        }
        continue;
      }
      checked += 1;
      if ((decision.action === 'join' || decision.action === 'reopen') && r.ticket_id === parentTicket) {
        joined += 1;
        if (decision.matched_message_id !== parent.messageId) {
          mismatches.push(`${d.file}: joined the parent's ticket through <${decision.matched_message_id}>, expected <${parent.messageId}> (${parent.file})`);
        }
        continue;
      }
      if ((decision.not_joined ?? []).some((n) => n.ticketId === parentTicket)) {
        refused += 1;
        continue;
      }
      mismatches.push(`${d.file}: parent ${parent.file} <${parent.messageId}> is in ticket ${parentTicket}, but ${decision.action}/${decision.code}: ${decision.reason}`);
    }
    summary['replies checked'] = checked;
    summary.joined = joined;
    summary['refused (sender not on the ticket)'] = refused;
    summary['unthreaded checked'] = unthreaded;
    expect(checked).toBeGreaterThan(100);
    expect(mismatches, mismatches.join('\n')).toEqual([]);
  });
});

if (!present) {
  const where = FOLDERS.map((f) => path.join(ROOT, f)).join(' and ');
  if (REQUIRED) {
    describe('e-mail corpora', () => {
      it('are present (RELAIS_CORPORA_REQUIRED=1)', () => {
        throw new Error(`RELAIS_CORPORA_REQUIRED=1 but the corpora are missing: expected ${where}`);
      });
    });
  } else {
    console.warn(`corpora/email: skipped, ${where} not found (RELAIS_CORPORA_REQUIRED=1 makes that a failure)`);
  }
}
