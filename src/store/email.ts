import type { Sql } from './db.js';

/** The SQL of the e-mail channel's ingestion side: inbound messages, followers, attachments, outbound lookups. */

export type InboundStatus = 'received' | 'processed' | 'ignored' | 'failed';

export interface InboundRow {
  id: string;
  dedupe_key: string;
  message_id: string | null;
  raw_sha256: string;
  raw_size: number;
  source: 'smtp' | 'imap' | 'http';
  source_detail: string | null;
  envelope_from: string | null;
  envelope_to: string[];
  status: InboundStatus;
  attempts: number;
  error: string | null;
  from_address: string | null;
  subject: string | null;
  classification: string | null;
  decision: Record<string, unknown> | null;
  ticket_id: string | null;
  received_at: Date;
  processed_at: Date | null;
}

export interface NewInbound {
  id: string;
  dedupeKey: string;
  messageId: string | null;
  rawSha256: string;
  rawSize: number;
  source: InboundRow['source'];
  sourceDetail: string | null;
  envelopeFrom: string | null;
  envelopeTo: string[];
  receivedAt: Date;
}

/** Inserts the message unless one with the same dedupe key exists; returns the row's id and whether it was new. */
export async function insertInbound(sql: Sql, m: NewInbound): Promise<{ id: string; inserted: boolean }> {
  const row = await sql.one<{ id: string }>(
    `INSERT INTO inbound_messages (id, dedupe_key, message_id, raw_sha256, raw_size, source, source_detail,
       envelope_from, envelope_to, status, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'received', $10)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [m.id, m.dedupeKey, m.messageId, m.rawSha256, m.rawSize, m.source, m.sourceDetail, m.envelopeFrom, m.envelopeTo, m.receivedAt],
  );
  if (row) return { id: row.id, inserted: true };
  const existing = await sql.one<{ id: string }>('SELECT id FROM inbound_messages WHERE dedupe_key = $1', [m.dedupeKey]);
  return { id: existing!.id, inserted: false };
}

/**
 * Leases up to `limit` messages waiting to be processed (never one another process holds), oldest first. The
 * lease only spreads work; the processing transaction re-checks the status under a row lock.
 */
export async function claimPendingInbound(sql: Sql, now: Date, leaseMs: number, limit: number): Promise<InboundRow[]> {
  return sql.query<InboundRow>(
    `UPDATE inbound_messages SET locked_until = $2, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM inbound_messages
       WHERE status = 'received' AND (locked_until IS NULL OR locked_until < $1)
       ORDER BY received_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING *`,
    [now, new Date(now.getTime() + leaseMs), limit],
  );
}

/** Leases one message for processing, unless it is done or another process holds it. */
export async function claimInbound(sql: Sql, id: string, now: Date, leaseMs: number): Promise<InboundRow | undefined> {
  return sql.one<InboundRow>(
    `UPDATE inbound_messages SET locked_until = $3, attempts = attempts + 1
     WHERE id = $1 AND status = 'received' AND (locked_until IS NULL OR locked_until < $2) RETURNING *`,
    [id, now, new Date(now.getTime() + leaseMs)],
  );
}

export async function lockInbound(sql: Sql, id: string): Promise<InboundRow | undefined> {
  return sql.one<InboundRow>('SELECT * FROM inbound_messages WHERE id = $1 FOR UPDATE', [id]);
}

export async function findInbound(sql: Sql, id: string): Promise<InboundRow | undefined> {
  return sql.one<InboundRow>('SELECT * FROM inbound_messages WHERE id = $1', [id]);
}

export interface InboundOutcome {
  status: Exclude<InboundStatus, 'received'>;
  error?: string | null;
  fromAddress: string | null;
  subject: string | null;
  classification: string | null;
  decision: Record<string, unknown> | null;
  ticketId: string | null;
  processedAt: Date;
}

export async function finishInbound(sql: Sql, id: string, o: InboundOutcome): Promise<void> {
  await sql.query(
    `UPDATE inbound_messages SET status = $2, error = $3, from_address = $4, subject = $5, classification = $6,
       decision = $7, ticket_id = $8, processed_at = $9, locked_until = NULL
     WHERE id = $1`,
    [id, o.status, o.error ?? null, o.fromAddress, o.subject, o.classification, o.decision ? JSON.stringify(o.decision) : null, o.ticketId, o.processedAt],
  );
}

/** Records a processing error; the message stays `received` (retried after its lease) unless `final`. */
export async function recordInboundError(sql: Sql, id: string, error: string, final: boolean, at: Date): Promise<void> {
  await sql.query(
    `UPDATE inbound_messages SET error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END,
       processed_at = CASE WHEN $3 THEN $4 ELSE processed_at END
     WHERE id = $1 AND status = 'received'`,
    [id, error.slice(0, 2000), final, at],
  );
}

/** Messages from this sender already processed since `since` (the per-sender rate limit). */
export async function countRecentFromSender(sql: Sql, address: string, since: Date, excludeId: string): Promise<number> {
  const row = await sql.one<{ n: string }>(
    `SELECT count(*) AS n FROM inbound_messages
     WHERE from_address = $1 AND received_at >= $2 AND id <> $3 AND status IN ('processed', 'ignored')`,
    [address, since, excludeId],
  );
  return Number(row?.n ?? 0);
}

/** Tickets of our outbound messages with these Message-IDs. */
export async function ticketsByOutboundMessageIds(sql: Sql, ids: readonly string[]): Promise<Array<{ message_id: string; ticket_id: string; id: string }>> {
  if (ids.length === 0) return [];
  return sql.query(`SELECT id, message_id, ticket_id FROM outbound_messages WHERE message_id = ANY($1::text[])`, [ids]);
}

/** Tickets of earlier inbound messages with these Message-IDs. */
export async function ticketsByInboundMessageIds(
  sql: Sql,
  ids: readonly string[],
  excludeId: string,
): Promise<Array<{ message_id: string; ticket_id: string }>> {
  if (ids.length === 0) return [];
  return sql.query(
    `SELECT message_id, ticket_id FROM inbound_messages
     WHERE message_id = ANY($1::text[]) AND ticket_id IS NOT NULL AND id <> $2`,
    [ids, excludeId],
  );
}

export interface ThreadTicketRow {
  id: string;
  number: string;
  status: string;
  resolved_at: Date | null;
  merged_into_id: string | null;
  requester_emails: string[];
  follower_emails: string[];
}

/** What threading needs to know of these tickets: state, the requester's addresses and the followers'. */
export async function threadTickets(sql: Sql, ids: readonly string[]): Promise<ThreadTicketRow[]> {
  if (ids.length === 0) return [];
  return sql.query<ThreadTicketRow>(
    `SELECT t.id, t.number, t.status, t.resolved_at, t.merged_into_id,
       array(SELECT i.value FROM requester_identities i WHERE i.requester_id = t.requester_id AND i.kind = 'email') AS requester_emails,
       array(SELECT f.email FROM ticket_followers f WHERE f.ticket_id = t.id) AS follower_emails
     FROM tickets t WHERE t.id = ANY($1::uuid[])`,
    [ids],
  );
}

export async function ticketIdByNumber(sql: Sql, number: number): Promise<string | undefined> {
  return (await sql.one<{ id: string }>('SELECT id FROM tickets WHERE number = $1', [number]))?.id;
}

export interface FollowerRow {
  ticket_id: string;
  email: string;
  name: string | null;
  source: 'email_cc' | 'agent';
  added_at: Date;
}

/** Adds followers; returns those that were not already following. */
export async function addFollowers(
  sql: Sql,
  ticketId: string,
  people: ReadonlyArray<{ email: string; name: string | null }>,
  source: FollowerRow['source'],
  at: Date,
): Promise<FollowerRow[]> {
  const added: FollowerRow[] = [];
  for (const p of people) {
    const row = await sql.one<FollowerRow>(
      `INSERT INTO ticket_followers (ticket_id, email, name, source, added_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (ticket_id, email) DO NOTHING RETURNING *`,
      [ticketId, p.email, p.name, source, at],
    );
    if (row) added.push(row);
  }
  return added;
}

export async function removeFollower(sql: Sql, ticketId: string, email: string): Promise<boolean> {
  const rows = await sql.query('DELETE FROM ticket_followers WHERE ticket_id = $1 AND email = $2 RETURNING email', [ticketId, email]);
  return rows.length > 0;
}

export async function listFollowers(sql: Sql, ticketId: string): Promise<FollowerRow[]> {
  return sql.query<FollowerRow>('SELECT * FROM ticket_followers WHERE ticket_id = $1 ORDER BY added_at, email', [ticketId]);
}

export interface AttachmentRow {
  id: string;
  ticket_id: string;
  timeline_entry_id: string | null;
  inbound_message_id: string | null;
  sha256: string;
  size: string;
  content_type: string;
  filename: string | null;
  content_id: string | null;
  inline: boolean;
  visibility: 'public' | 'internal';
  uploaded_by_kind: 'agent' | 'requester' | 'system';
  uploaded_by_id: string | null;
  created_at: Date;
}

export interface NewAttachment {
  id: string;
  ticketId: string;
  timelineEntryId: string | null;
  inboundMessageId: string | null;
  sha256: string;
  size: number;
  contentType: string;
  filename: string | null;
  contentId: string | null;
  inline: boolean;
  visibility: 'public' | 'internal';
  uploadedByKind: AttachmentRow['uploaded_by_kind'];
  uploadedById: string | null;
  createdAt: Date;
}

export async function insertAttachment(sql: Sql, a: NewAttachment): Promise<AttachmentRow> {
  const row = await sql.one<AttachmentRow>(
    `INSERT INTO attachments (id, ticket_id, timeline_entry_id, inbound_message_id, sha256, size, content_type, filename,
       content_id, inline, visibility, uploaded_by_kind, uploaded_by_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING *`,
    [a.id, a.ticketId, a.timelineEntryId, a.inboundMessageId, a.sha256, a.size, a.contentType, a.filename, a.contentId,
      a.inline, a.visibility, a.uploadedByKind, a.uploadedById, a.createdAt],
  );
  return row!;
}

export async function findAttachment(sql: Sql, id: string): Promise<AttachmentRow | undefined> {
  return sql.one<AttachmentRow>('SELECT * FROM attachments WHERE id = $1', [id]);
}

export async function listAttachmentsOfEntries(sql: Sql, entryIds: readonly string[]): Promise<AttachmentRow[]> {
  if (entryIds.length === 0) return [];
  return sql.query<AttachmentRow>(
    'SELECT * FROM attachments WHERE timeline_entry_id = ANY($1::uuid[]) ORDER BY created_at, id',
    [entryIds],
  );
}

/** Attaches an agent's uploads to the reply that sends them; only the uploader's own unattached files. */
export async function bindUploads(sql: Sql, ticketId: string, ids: readonly string[], entryId: string, agentId: string): Promise<AttachmentRow[]> {
  if (ids.length === 0) return [];
  return sql.query<AttachmentRow>(
    `UPDATE attachments SET timeline_entry_id = $3
     WHERE id = ANY($2::uuid[]) AND ticket_id = $1 AND timeline_entry_id IS NULL AND uploaded_by_id = $4
     RETURNING *`,
    [ticketId, ids, entryId, agentId],
  );
}

export interface OutboundRow {
  id: string;
  ticket_id: string;
  timeline_entry_id: string | null;
  kind: 'reply' | 'received' | 'resolved' | 'agent_notice';
  message_id: string;
  in_reply_to: string | null;
  references: string[];
  from_address: string;
  to_addresses: string[];
  cc_addresses: string[];
  subject: string;
  text_body: string;
  html_body: string;
  language: string;
  attachment_ids: string[];
  status: 'queued' | 'sent' | 'failed' | 'bounced';
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  smtp_response: string | null;
  sent_at: Date | null;
  bounced_at: Date | null;
  bounce_detail: Record<string, unknown> | null;
  created_at: Date;
}

export type NewOutbound = Pick<
  OutboundRow,
  'id' | 'ticket_id' | 'timeline_entry_id' | 'kind' | 'message_id' | 'in_reply_to' | 'references' | 'from_address' |
  'to_addresses' | 'cc_addresses' | 'subject' | 'text_body' | 'html_body' | 'language' | 'attachment_ids' | 'created_at'
>;

export async function insertOutbound(sql: Sql, m: NewOutbound): Promise<void> {
  await sql.query(
    `INSERT INTO outbound_messages (id, ticket_id, timeline_entry_id, kind, message_id, in_reply_to, "references",
       from_address, to_addresses, cc_addresses, subject, text_body, html_body, language, attachment_ids, status,
       next_attempt_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'queued', $16, $16)`,
    [m.id, m.ticket_id, m.timeline_entry_id, m.kind, m.message_id, m.in_reply_to, m.references, m.from_address,
      m.to_addresses, m.cc_addresses, m.subject, m.text_body, m.html_body, m.language, m.attachment_ids, m.created_at],
  );
}

/** The Message-IDs of a ticket's mail, both ways, oldest first: what a new message's References carry. */
export async function ticketMessageIds(sql: Sql, ticketId: string): Promise<string[]> {
  const rows = await sql.query<{ message_id: string }>(
    `SELECT message_id FROM (
       SELECT message_id, received_at AS at FROM inbound_messages WHERE ticket_id = $1 AND message_id IS NOT NULL
       UNION ALL
       SELECT message_id, created_at AS at FROM outbound_messages WHERE ticket_id = $1 AND kind <> 'agent_notice') m
     ORDER BY at`,
    [ticketId],
  );
  return rows.map((r) => r.message_id);
}

export async function markOutboundBounced(sql: Sql, id: string, at: Date, detail: Record<string, unknown>): Promise<void> {
  await sql.query(
    `UPDATE outbound_messages SET status = 'bounced', bounced_at = $2, bounce_detail = $3 WHERE id = $1`,
    [id, at, JSON.stringify(detail)],
  );
}

/** Delivery state of the mail sent for these timeline entries (replies, notifications), for the timeline view. */
export async function outboundOfEntries(sql: Sql, entryIds: readonly string[]): Promise<OutboundRow[]> {
  if (entryIds.length === 0) return [];
  return sql.query<OutboundRow>(
    `SELECT * FROM outbound_messages WHERE timeline_entry_id = ANY($1::uuid[]) ORDER BY created_at`,
    [entryIds],
  );
}

export async function outboundOfTicket(sql: Sql, ticketId: string): Promise<OutboundRow[]> {
  return sql.query<OutboundRow>('SELECT * FROM outbound_messages WHERE ticket_id = $1 ORDER BY created_at', [ticketId]);
}

export async function inboundOfTicket(sql: Sql, ticketId: string): Promise<InboundRow[]> {
  return sql.query<InboundRow>('SELECT * FROM inbound_messages WHERE ticket_id = $1 ORDER BY received_at', [ticketId]);
}

/**
 * Frees every lease. Only for the embedded engine at start-up: its data-directory lock guarantees no other process
 * exists, so any lease left is a dead process's, and waiting for it to expire would only delay the mail.
 */
export async function releaseStaleLeases(sql: Sql): Promise<{ inbound: number; outbound: number }> {
  const inbound = await sql.query("UPDATE inbound_messages SET locked_until = NULL WHERE status = 'received' AND locked_until IS NOT NULL RETURNING id");
  const outbound = await sql.query("UPDATE outbound_messages SET locked_until = NULL WHERE status = 'queued' AND locked_until IS NOT NULL RETURNING id");
  return { inbound: inbound.length, outbound: outbound.length };
}

/** How much mail waits: inbound not yet filed, outbound not yet sent (for /metrics). */
export async function emailQueueDepths(sql: Sql): Promise<{ inboundPending: number; inboundFailed: number; outboundQueued: number; outboundFailed: number }> {
  const row = await sql.one<{ ip: string; if: string; oq: string; of: string }>(
    `SELECT (SELECT count(*) FROM inbound_messages WHERE status = 'received') AS ip,
            (SELECT count(*) FROM inbound_messages WHERE status = 'failed') AS if,
            (SELECT count(*) FROM outbound_messages WHERE status = 'queued') AS oq,
            (SELECT count(*) FROM outbound_messages WHERE status = 'failed') AS of`,
  );
  return { inboundPending: Number(row!.ip), inboundFailed: Number(row!.if), outboundQueued: Number(row!.oq), outboundFailed: Number(row!.of) };
}

export interface InboundListRow extends InboundRow {
  ticket_number: string | null;
}

/** Inbound messages, newest first, optionally of one status; keyset paging on (received_at, id). */
export async function listInbound(
  sql: Sql,
  opts: { status: InboundStatus | null; limit: number; before: { at: Date; id: string } | null },
): Promise<InboundListRow[]> {
  const params: unknown[] = [opts.limit];
  const where: string[] = [];
  if (opts.status) {
    params.push(opts.status);
    where.push(`i.status = $${params.length}`);
  }
  if (opts.before) {
    params.push(opts.before.at, opts.before.id);
    where.push(`(i.received_at, i.id) < ($${params.length - 1}, $${params.length})`);
  }
  return sql.query<InboundListRow>(
    `SELECT i.*, t.number AS ticket_number FROM inbound_messages i LEFT JOIN tickets t ON t.id = i.ticket_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY i.received_at DESC, i.id DESC LIMIT $1`,
    params,
  );
}

/** Puts a failed message back in the queue (after a fix), with its attempts reset. */
export async function requeueInbound(sql: Sql, id: string): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE inbound_messages SET status = 'received', attempts = 0, locked_until = NULL, error = NULL, processed_at = NULL
     WHERE id = $1 AND status = 'failed' RETURNING id`,
    [id],
  );
  return rows.length > 0;
}
