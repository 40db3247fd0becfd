import type { AcceptInput, AcceptResult } from '../../channels/email/accept-types.js';
import { dedupeIdentity } from '../../channels/email/dedupe.js';
import { parseEmail, type ParsedEmail } from '../../channels/email/parse.js';
import { classifyInbound, type InboundClassification } from '../../domain/email/classify.js';
import type { EmailAddress, InboundEmail } from '../../domain/email/inbound-email.js';
import { extractTicketNumber, normalizeSubject } from '../../domain/email/subject.js';
import { decideThread, type MessageIdMatch, type ThreadDecision, type TicketRef } from '../../domain/email/thread.js';
import { DomainError } from '../../domain/errors.js';
import { transitionStatus, type Ticket, type TicketStatus } from '../../domain/ticket.js';
import type { Actor, NewTimelineEntry } from '../../domain/timeline.js';
import type { Sql } from '../../store/db.js';
import {
  addFollowers, claimInbound, claimPendingInbound, findInbound, countRecentFromSender, finishInbound, insertAttachment, insertInbound, lockInbound,
  markOutboundBounced, recordInboundError, threadTickets, ticketIdByNumber, ticketsByInboundMessageIds,
  ticketsByOutboundMessageIds, type InboundRow,
} from '../../store/email.js';
import { findRequesterByIdentity, insertRequester, type RequesterRow } from '../../store/requesters.js';
import { insertLink } from '../../store/ticket-links.js';
import { appendTimeline, findTicket, updateTicket } from '../../store/tickets.js';
import { writeNewTicket } from '../create-ticket.js';
import { trackSla } from '../sla/track-sla.js';
import type { Deps } from '../deps.js';
import { recordLinkChange } from '../tickets/link-tickets.js';
import type { MailContext } from './context.js';
import { queueTicketMail } from './notify.js';

export type { AcceptInput, AcceptResult } from '../../channels/email/accept-types.js';
export type MailDeps = Deps & { mail: MailContext };

/** How long a processor holds a message before another may retry it (filing one takes milliseconds). */
const LEASE_MS = 60_000;
/** Attempts before a message that keeps failing is set aside as `failed` (its raw bytes stay stored). */
const MAX_ATTEMPTS = 5;
const SUBJECT_MAX = 500;

/**
 * Step one of every inbound way (SMTP, IMAP, HTTP): the raw bytes go to the content-addressed store (fsynced), then
 * one row in `inbound_messages`, deduplicated by Message-ID, or by a content hash when there is none. When this
 * resolves the message is durable and the sender may be told so; a second delivery of the same message is
 * recognised and acknowledged without a second ticket.
 */
export async function acceptInbound(deps: MailDeps, input: AcceptInput, opts: { wake?: boolean } = {}): Promise<AcceptResult> {
  const { raw } = input;
  if (raw.length === 0 || raw.toString('latin1').trim() === '') {
    throw new DomainError('EMAIL_EMPTY', 'The message is empty.');
  }
  const max = deps.mail.config.maxMessageBytes;
  if (raw.length > max) {
    throw new DomainError('EMAIL_TOO_LARGE', `The message is ${raw.length} bytes; the limit is ${max} bytes.`, { limit: max, size: raw.length });
  }
  const identity = dedupeIdentity(raw);
  const { sha256 } = await deps.mail.blobs.put(raw);
  const { id, inserted } = await insertInbound(deps.db, {
    id: deps.newId(),
    dedupeKey: identity.key,
    messageId: identity.messageId,
    rawSha256: sha256,
    rawSize: raw.length,
    source: input.source,
    sourceDetail: input.sourceDetail ?? null,
    envelopeFrom: input.envelopeFrom?.toLowerCase() ?? null,
    envelopeTo: (input.envelopeTo ?? []).map((a) => a.toLowerCase()),
    receivedAt: deps.clock.now(),
  });
  if (inserted && opts.wake !== false) deps.mail.wakeInbound();
  return { id, duplicate: !inserted };
}

export interface InboundOutcome {
  id: string;
  status: 'processed' | 'ignored' | 'failed' | 'retry' | 'skipped';
  ticketId: string | null;
  ticketNumber: number | null;
  decision: Pick<ThreadDecision, 'action' | 'code' | 'reason'> | null;
}

/** Processes up to `limit` stored messages, oldest first; returns how many were handled. */
export async function processPendingInbound(deps: MailDeps, limit = 20): Promise<InboundOutcome[]> {
  const rows = await claimPendingInbound(deps.db, deps.clock.now(), LEASE_MS, limit);
  const out: InboundOutcome[] = [];
  for (const row of rows) out.push(await processInbound(deps, row));
  return out;
}

/**
 * Parses a stored message and files it: requester, threading, ticket and timeline, followers, attachments and the
 * acknowledgement, all in one transaction that also marks the message processed. Killed half-way, nothing is
 * written and the message is still `received`: the next pass does it again, once.
 */
export async function processInbound(deps: MailDeps, row: InboundRow): Promise<InboundOutcome> {
  let parsed: ParsedEmail;
  const kept: ParsedEmail['attachments'] = [];
  const dropped: Array<{ filename: string | null; size: number }> = [];
  try {
    const raw = await deps.mail.blobs.read(row.raw_sha256);
    parsed = await parseEmail(raw, { maxBytes: deps.mail.config.maxMessageBytes });
    for (const a of parsed.attachments) {
      if (a.meta.size > deps.mail.config.maxAttachmentBytes) {
        dropped.push({ filename: a.meta.filename, size: a.meta.size });
        continue;
      }
      await deps.mail.blobs.put(a.content, a.meta.sha256);
      kept.push(a);
    }
  } catch (err) {
    return failed(deps, row, err);
  }
  try {
    const result = await deps.db.tx((sql) => fileInbound(sql, deps, row.id, parsed.email, kept, dropped));
    if (result.ticketIds.length > 0) deps.onCommitted?.(result.ticketIds);
    if (result.mailQueued) deps.mail.wakeOutbound();
    return result.outcome;
  } catch (err) {
    return failed(deps, row, err);
  }
}

async function failed(deps: MailDeps, row: InboundRow, err: unknown): Promise<InboundOutcome> {
  const final = row.attempts >= MAX_ATTEMPTS;
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  await recordInboundError(deps.db, row.id, message, final, deps.clock.now());
  return { id: row.id, status: final ? 'failed' : 'retry', ticketId: null, ticketNumber: null, decision: null };
}

interface FileResult {
  outcome: InboundOutcome;
  ticketIds: string[];
  mailQueued: boolean;
}

/** Merged tickets forward to their survivor: a reply to a merged ticket belongs to the one it was merged into. */
async function loadRefs(sql: Sql, ids: readonly string[]): Promise<Map<string, TicketRef>> {
  const refs = new Map<string, TicketRef>();
  let pending = [...new Set(ids)];
  const forward = new Map<string, string>();
  for (let depth = 0; depth < 6 && pending.length > 0; depth++) {
    const rows = await threadTickets(sql, pending);
    pending = [];
    for (const r of rows) {
      if (r.merged_into_id) {
        forward.set(r.id, r.merged_into_id);
        pending.push(r.merged_into_id);
        continue;
      }
      refs.set(r.id, {
        id: r.id, number: Number(r.number), status: r.status as TicketStatus, resolvedAt: r.resolved_at,
        requesterEmails: r.requester_emails, followerEmails: r.follower_emails,
      });
    }
  }
  const resolve = (id: string): TicketRef | undefined => {
    let at = id;
    for (let i = 0; i < 6 && forward.has(at); i++) at = forward.get(at)!;
    return refs.get(at);
  };
  return new Map(ids.map((id) => [id, resolve(id)] as const).filter((e): e is [string, TicketRef] => e[1] !== undefined));
}

async function fileInbound(
  sql: Sql,
  deps: MailDeps,
  inboundId: string,
  email: InboundEmail,
  attachments: ParsedEmail['attachments'],
  dropped: Array<{ filename: string | null; size: number }>,
): Promise<FileResult> {
  const row = await lockInbound(sql, inboundId);
  const skipped: FileResult = {
    outcome: { id: inboundId, status: 'skipped', ticketId: null, ticketNumber: null, decision: null }, ticketIds: [], mailQueued: false,
  };
  if (!row || row.status !== 'received') return skipped;
  const cfg = deps.mail.config;
  const now = deps.clock.now();
  const from = email.from?.address ?? null;
  const subject = email.subject.slice(0, SUBJECT_MAX);
  const classification = classifyInbound(email, { ownAddresses: cfg.supportAddresses });
  const finish = async (status: 'processed' | 'ignored', decision: ThreadDecision, ticket: Ticket | null): Promise<InboundOutcome> => {
    await finishInbound(sql, inboundId, {
      status, fromAddress: from, subject, classification: classification.kind, ticketId: ticket?.id ?? null, processedAt: now,
      decision: {
        action: decision.action, code: decision.code, reason: decision.reason, matched_by: decision.matchedBy,
        matched_message_id: decision.matchedMessageId, matched_header: decision.matchedHeader,
        matched_ticket_number: decision.matchedTicketNumber, linked_ticket_id: decision.linkedTicketId,
        not_joined: decision.notJoined, classification_reason: classification.reason,
      },
    });
    return { id: inboundId, status, ticketId: ticket?.id ?? null, ticketNumber: ticket?.number ?? null, decision };
  };

  // Mail loops: beyond the per-sender limit a message is kept but neither files nor answers anything.
  if (from && classification.kind !== 'own') {
    const recent = await countRecentFromSender(sql, from, new Date(now.getTime() - 3_600_000), inboundId);
    if (recent >= cfg.senderLimitPerHour) {
      const reason = `Ignored: ${from} sent ${recent} messages in the last hour, over the limit of ${cfg.senderLimitPerHour} (mail loop protection).`;
      const decision: ThreadDecision = {
        action: 'ignore', code: 'ignored_rate_limited', reason, ticketId: null, linkedTicketId: null, matchedBy: null,
        matchedMessageId: null, matchedHeader: null, matchedTicketNumber: null, notJoined: [],
      };
      return { outcome: await finish('ignored', decision, null), ticketIds: [], mailQueued: false };
    }
  }

  const decision = await decide(sql, deps, inboundId, email, classification, now);
  const emailData = describeEmail(row, email, classification, decision, dropped);

  if (decision.action === 'ignore') {
    return { outcome: await finish('ignored', decision, null), ticketIds: [], mailQueued: false };
  }
  if (decision.action === 'record_bounce') {
    if (!decision.ticketId) return { outcome: await finish('ignored', decision, null), ticketIds: [], mailQueued: false };
    const ticket = (await findTicket(sql, { id: decision.ticketId }, true))!;
    const outbound = (await ticketsByOutboundMessageIds(sql, decision.matchedMessageId ? [decision.matchedMessageId] : []))[0];
    const recipients = email.deliveryReport?.recipients ?? [];
    if (outbound) await markOutboundBounced(sql, outbound.id, now, { recipients, inbound_message_id: inboundId });
    await appendTimeline(sql, ticket.id, [{
      id: deps.newId(), createdAt: now, kind: 'ticket.email_bounced', actor: { kind: 'system', id: null }, visibility: 'internal',
      body: null, reason: `${decision.reason} ${classification.reason}`,
      data: { outbound_message_id: outbound?.id ?? null, message_id: decision.matchedMessageId, recipients, email: emailData },
    }]);
    await updateTicket(sql, ticket.id, { updatedAt: now });
    return { outcome: await finish('processed', decision, ticket), ticketIds: [ticket.id], mailQueued: false };
  }

  const sender = await findOrCreateRequester(sql, deps, email.from!, email, now);
  const actor: Actor = { kind: 'requester', id: sender.id };
  const body = email.newText.trim() || email.text.trim();
  let ticket: Ticket;
  const entryId = deps.newId();
  let mailQueued = false;
  const touched: string[] = [];

  if (decision.action === 'new' || decision.action === 'new_linked') {
    ticket = await writeNewTicket(sql, deps, {
      actor, requester: sender, type: 'incident', subject: ticketSubject(subject), description: body,
      urgency: 2, impact: 2, categoryId: null, tags: [], channel: 'email', teamId: null, assigneeId: null, tier: 'L1',
      equipmentBrand: null, equipmentModel: null, createdAt: now, reason: decision.reason, data: { email: emailData }, entryId,
    });
    if (decision.action === 'new_linked' && decision.linkedTicketId) {
      const old = (await findTicket(sql, { id: decision.linkedTicketId }))!;
      const [a, b] = ticket.id < old.id ? [ticket.id, old.id] : [old.id, ticket.id];
      const link = await insertLink(sql, { id: deps.newId(), kind: 'related', fromId: a, toId: b, createdBy: null, createdAt: now });
      await recordLinkChange(sql, deps, 'ticket.linked', { kind: 'system', id: null }, link, [ticket, old], now);
      touched.push(old.id);
    }
    mailQueued = await queueTicketMail(sql, deps, ticket, { kind: 'received', entryId, inReplyTo: row.message_id });
  } else {
    const current = (await findTicket(sql, { id: decision.ticketId! }, true))!;
    const automatic = classification.kind !== 'human';
    const entries: Array<NewTimelineEntry & { id: string; createdAt: Date }> = [];
    if (automatic) {
      entries.push({
        id: entryId, createdAt: now, kind: 'ticket.email_received', actor: { kind: 'system', id: null }, visibility: 'internal',
        body, reason: decision.reason, data: { email: emailData },
      });
    } else {
      entries.push({
        id: entryId, createdAt: now, kind: 'ticket.replied', actor, visibility: 'public', body, reason: decision.reason,
        data: { email: emailData },
      });
    }
    let patch: Parameters<typeof updateTicket>[2] = { updatedAt: now };
    const move = automatic ? null : statusAfterMail(current, decision);
    if (move) {
      const change = transitionStatus(current, move, now);
      patch = { ...patch, status: change.status, resolvedAt: change.resolvedAt, closedAt: change.closedAt };
      entries.push({
        id: deps.newId(), createdAt: now, kind: 'ticket.status_changed', actor, visibility: 'public', body: null,
        reason: decision.action === 'reopen' ? decision.reason : 'requester replied by e-mail',
        data: { from: current.status, to: change.status, ...(change.reopened ? { reopened: true } : {}) },
      });
    }
    ticket = await updateTicket(sql, current.id, patch, body && !automatic ? { text: body, internal: false } : undefined);
    await appendTimeline(sql, ticket.id, entries);
    // An auto-reply is not the requester answering: it neither starts a next response nor reopens.
    await trackSla(sql, deps, current, ticket, automatic ? null : 'requester');
  }

  for (const a of attachments) {
    await insertAttachment(sql, {
      id: deps.newId(), ticketId: ticket.id, timelineEntryId: entryId, inboundMessageId: inboundId, sha256: a.meta.sha256,
      size: a.meta.size, contentType: a.meta.contentType, filename: a.meta.filename, contentId: a.meta.contentId,
      inline: a.meta.inline, visibility: classification.kind === 'human' ? 'public' : 'internal', uploadedByKind: 'requester',
      uploadedById: sender.id, createdAt: now,
    });
  }
  if (classification.kind === 'human') await addCcFollowers(sql, deps, ticket, email, from!, now);
  return { outcome: await finish('processed', decision, ticket), ticketIds: [ticket.id, ...touched], mailQueued };
}

/** A pending ticket gets its answer: open again. Reopening a resolved one is the threading decision's. */
function statusAfterMail(t: Ticket, decision: ThreadDecision): TicketStatus | null {
  if (decision.action === 'reopen') return 'open';
  if (t.status === 'pending') return 'open';
  return null;
}

/** The subject of a new ticket: without reply prefixes and without anybody's ticket tag. */
function ticketSubject(subject: string): string {
  const clean = normalizeSubject(subject).replace(/\[\s*#\s*\d+\s*\]/g, ' ').replace(/\s+/g, ' ').trim();
  return clean || '(no subject)';
}

async function decide(
  sql: Sql,
  deps: MailDeps,
  inboundId: string,
  email: InboundEmail,
  classification: InboundClassification,
  now: Date,
): Promise<ThreadDecision> {
  const named: Array<{ id: string; header: MessageIdMatch['header'] }> = [];
  for (const id of email.inReplyTo) if (!named.some((n) => n.id === id)) named.push({ id, header: 'in-reply-to' });
  for (const id of email.references) if (!named.some((n) => n.id === id)) named.push({ id, header: 'references' });
  const ids = named.map((n) => n.id);
  const reported = email.deliveryReport?.originalMessageId ?? null;
  const ours = await ticketsByOutboundMessageIds(sql, reported ? [...ids, reported] : ids);
  const earlier = await ticketsByInboundMessageIds(sql, ids, inboundId);
  const tagNumber = extractTicketNumber(email.subject);
  const tagged = tagNumber ? await ticketIdByNumber(sql, tagNumber) : undefined;
  const refs = await loadRefs(sql, [...ours.map((o) => o.ticket_id), ...earlier.map((e) => e.ticket_id), ...(tagged ? [tagged] : [])]);

  const firstMatch = (rows: ReadonlyArray<{ message_id: string; ticket_id: string }>): MessageIdMatch | null => {
    for (const n of named) {
      const hit = rows.find((r) => r.message_id === n.id);
      const ticket = hit ? refs.get(hit.ticket_id) : undefined;
      if (ticket) return { ticket, messageId: n.id, header: n.header };
    }
    return null;
  };
  const reportedHit = reported ? ours.find((o) => o.message_id === reported) : undefined;
  const reportedTicket = reportedHit ? refs.get(reportedHit.ticket_id) : undefined;
  return decideThread({
    from: email.from?.address ?? null,
    classification,
    now,
    reopenWindowMs: deps.mail.config.reopenWindowMs,
    byOurMessageId: firstMatch(ours),
    bySubjectTag: tagged ? (refs.get(tagged) ?? null) : null,
    byIngestedMessageId: firstMatch(earlier),
    byReportedMessageId: reportedTicket && reported ? { ticket: reportedTicket, messageId: reported } : null,
  });
}

/** The sender's requester record, or a new requester named after the display name (language from the mail). */
async function findOrCreateRequester(sql: Sql, deps: Deps, from: EmailAddress, email: InboundEmail, now: Date): Promise<RequesterRow> {
  const known = await findRequesterByIdentity(sql, 'email', from.address);
  if (known) return known;
  const name = from.name?.trim() || from.address.split('@')[0]!;
  return insertRequester(
    sql,
    { id: deps.newId(), name: name.slice(0, 200), organization_id: null, language: guessLanguage(email), time_zone: 'Europe/Paris', password_hash: null, created_at: now },
    [{ id: deps.newId(), kind: 'email', value: from.address, isPrimary: true }],
  );
}

/** Content-Language when the client sent one; else French unless the text reads as English. */
function guessLanguage(email: InboundEmail): 'fr' | 'en' {
  const declared = (email.headers['content-language']?.[0] ?? '').trim().toLowerCase();
  if (declared.startsWith('en')) return 'en';
  if (declared.startsWith('fr')) return 'fr';
  const words = ` ${email.subject} ${email.newText.slice(0, 2000)} `.toLowerCase();
  const count = (list: string[]): number => list.reduce((n, w) => n + (words.split(` ${w} `).length - 1), 0);
  const en = count(['the', 'and', 'is', 'my', 'please', 'not', 'with', 'have', 'hello', 'thanks']);
  const fr = count(['le', 'la', 'les', 'et', 'est', 'mon', 'ma', 'pas', 'avec', 'bonjour', 'merci', 'je', 'vous']);
  return en > fr ? 'en' : 'fr';
}

/** Everyone else the requester wrote to (To and Cc, except our addresses) follows the ticket from now on. */
async function addCcFollowers(sql: Sql, deps: Deps, ticket: Ticket, email: InboundEmail, from: string, now: Date): Promise<void> {
  const own = new Set((deps.mail?.config.supportAddresses ?? []).map((a) => a.toLowerCase()));
  const requesterEmails = (await threadTickets(sql, [ticket.id]))[0]?.requester_emails ?? [];
  const people = [...email.to, ...email.cc]
    .filter((a) => a.address.includes('@') && !own.has(a.address) && a.address !== from && !requesterEmails.includes(a.address))
    .filter((a, i, all) => all.findIndex((b) => b.address === a.address) === i)
    .slice(0, 50);
  if (people.length === 0) return;
  const added = await addFollowers(sql, ticket.id, people.map((a) => ({ email: a.address, name: a.name })), 'email_cc', now);
  if (added.length === 0) return;
  await appendTimeline(sql, ticket.id, [{
    id: deps.newId(), createdAt: now, kind: 'ticket.followers_changed', actor: { kind: 'system', id: null }, visibility: 'internal',
    body: null, reason: `${from} wrote to them too (To/Cc); followers receive the ticket's public replies.`,
    data: { added: added.map((f) => ({ email: f.email, name: f.name })), removed: [] },
  }]);
}

/** What the timeline shows of the mail an entry came from. */
function describeEmail(
  row: InboundRow,
  email: InboundEmail,
  classification: InboundClassification,
  decision: ThreadDecision,
  dropped: Array<{ filename: string | null; size: number }>,
): Record<string, unknown> {
  const quoted = email.text.trim() !== email.newText.trim() ? email.text : null;
  return {
    inbound_message_id: row.id,
    message_id: row.message_id,
    source: row.source,
    from: email.from,
    to: email.to.map((a) => a.address),
    cc: email.cc.map((a) => a.address),
    subject: email.subject,
    date: email.date?.toISOString() ?? null,
    classification: classification.kind,
    classification_reason: classification.reason,
    thread: {
      action: decision.action, code: decision.code, matched_by: decision.matchedBy, matched_message_id: decision.matchedMessageId,
      header: decision.matchedHeader === 'in-reply-to' ? 'In-Reply-To' : decision.matchedHeader === 'references' ? 'References' : null,
      ticket_number: decision.matchedTicketNumber,
      not_joined: decision.notJoined.map((n) => ({ ticket_number: n.number, matched_by: n.matchedBy })),
    },
    full_text: quoted,
    html: email.html,
    dropped_attachments: dropped,
  };
}

/**
 * The HTTP way (an MTA pipe): accepts, then processes that message at once so the caller learns what happened
 * (ticket, threading decision). A duplicate reports the first delivery's outcome.
 */
export async function acceptAndProcess(deps: MailDeps, input: AcceptInput): Promise<AcceptResult & { outcome: InboundOutcome }> {
  // Not handed to the background processor: this request files it and reports the outcome.
  const accepted = await acceptInbound(deps, input, { wake: false });
  const claimed = accepted.duplicate ? undefined : await claimInbound(deps.db, accepted.id, deps.clock.now(), LEASE_MS);
  if (claimed) return { ...accepted, outcome: await processInbound(deps, claimed) };
  const row = (await findInbound(deps.db, accepted.id))!;
  const decision = row.decision as { action?: ThreadDecision['action']; code?: ThreadDecision['code']; reason?: string } | null;
  const ticket = row.ticket_id ? await findTicket(deps.db, { id: row.ticket_id }) : undefined;
  return {
    ...accepted,
    outcome: {
      id: row.id,
      status: row.status === 'received' ? 'retry' : row.status,
      ticketId: row.ticket_id,
      ticketNumber: ticket?.number ?? null,
      decision: decision?.action && decision.code ? { action: decision.action, code: decision.code, reason: decision.reason ?? '' } : null,
    },
  };
}
