import type { Sql } from './db.js';
import type { AttachmentRow, OutboundRow } from './email.js';

/**
 * The sending side of the outbound queue (`outbound_messages`): claiming due rows under a lease, and recording
 * each attempt's outcome. Rows are queued by the use cases (store/email.ts insertOutbound).
 *
 * A claim bumps `attempts` and sets `locked_until`; every outcome below is written only while the row is still
 * `queued` under that same attempt number, so a sender whose lease ran out (and whose row another sender took)
 * cannot overwrite the newer attempt's outcome, and a row ends in exactly one final state.
 */

/** A claimed row with its ticket's number (for the X-Relais-Ticket header). */
export interface ClaimedOutbound extends OutboundRow {
  locked_until: Date;
  ticket_number: number;
}

/**
 * Leases up to `limit` queued rows due at `now` that no other sender holds (SKIP LOCKED: concurrent senders
 * take disjoint rows), oldest due first; each claim counts as an attempt.
 */
export async function claimDueOutbound(sql: Sql, now: Date, leaseMs: number, limit: number): Promise<ClaimedOutbound[]> {
  return sql.query<ClaimedOutbound>(
    `WITH claimed AS (
       UPDATE outbound_messages SET locked_until = $2, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM outbound_messages
         WHERE status = 'queued' AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until < $1)
         ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING *)
     SELECT c.*, t.number AS ticket_number FROM claimed c JOIN tickets t ON t.id = c.ticket_id
     ORDER BY c.next_attempt_at, c.id`,
    [now, new Date(now.getTime() + leaseMs), limit],
  );
}

/** Records a delivery the SMTP server accepted. Returns false when the row was no longer this attempt's. */
export async function markOutboundSent(
  sql: Sql,
  id: string,
  attempt: number,
  at: Date,
  smtpResponse: string,
  note: string | null,
): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE outbound_messages SET status = 'sent', sent_at = $3, smtp_response = $4, last_error = $5, locked_until = NULL
     WHERE id = $1 AND attempts = $2 AND status = 'queued' RETURNING id`,
    [id, attempt, at, smtpResponse.slice(0, 2000), note?.slice(0, 2000) ?? null],
  );
  return rows.length > 0;
}

/** Schedules another attempt at `nextAttemptAt` after a temporary failure. */
export async function scheduleOutboundRetry(sql: Sql, id: string, attempt: number, nextAttemptAt: Date, error: string): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE outbound_messages SET next_attempt_at = $3, last_error = $4, locked_until = NULL
     WHERE id = $1 AND attempts = $2 AND status = 'queued' RETURNING id`,
    [id, attempt, nextAttemptAt, error.slice(0, 2000)],
  );
  return rows.length > 0;
}

/** Gives up on a row (permanent refusal, or the last attempt failed). */
export async function markOutboundFailed(sql: Sql, id: string, attempt: number, error: string): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE outbound_messages SET status = 'failed', last_error = $3, locked_until = NULL
     WHERE id = $1 AND attempts = $2 AND status = 'queued' RETURNING id`,
    [id, attempt, error.slice(0, 2000)],
  );
  return rows.length > 0;
}

/** The attachments a message carries, in the order of `ids`. */
export async function attachmentsByIds(sql: Sql, ids: readonly string[]): Promise<AttachmentRow[]> {
  if (ids.length === 0) return [];
  return sql.query<AttachmentRow>(
    `SELECT a.* FROM unnest($1::uuid[]) WITH ORDINALITY AS wanted(id, pos) JOIN attachments a ON a.id = wanted.id
     ORDER BY wanted.pos`,
    [ids],
  );
}
