import type { AttachmentRow } from '../../store/email.js';
import {
  attachmentsByIds, claimDueOutbound, markOutboundFailed, markOutboundSent, scheduleOutboundRetry, type ClaimedOutbound,
} from '../../store/outbound-mail.js';
import { appendTimeline, findTicket, updateTicket } from '../../store/tickets.js';
import type { Deps } from '../deps.js';
import type { MailContext } from './context.js';

/**
 * The outbound queue's bookkeeping, for the sender in channels/email/outbound-sender.ts: claim due mail, then
 * record each attempt as sent, to retry later, or failed (with its timeline entry, in the same transaction).
 */

export type { ClaimedOutbound } from '../../store/outbound-mail.js';

export const DEFAULT_MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 60 * 60_000;

/** Wait after failed attempt `attempt` (1-based): 1 min, 2, 4 … capped at 1 h. */
export function retryDelayMs(attempt: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1), MAX_RETRY_MS);
}

export async function claimOutbound(deps: Deps, opts: { leaseMs: number; limit: number }): Promise<ClaimedOutbound[]> {
  return claimDueOutbound(deps.db, deps.clock.now(), opts.leaseMs, opts.limit);
}

export interface OutboundAttachment {
  filename: string | null;
  contentType: string;
  content: Buffer;
  contentId: string | null;
  inline: boolean;
}

/** The files a message carries, read from the attachments store. Throws when a file is missing. */
export async function loadOutboundAttachments(deps: Deps & { mail: MailContext }, row: ClaimedOutbound): Promise<OutboundAttachment[]> {
  const rows = await attachmentsByIds(deps.db, row.attachment_ids);
  if (rows.length !== row.attachment_ids.length) {
    const found = new Set(rows.map((r) => r.id));
    throw new Error(`Attachment not found: ${row.attachment_ids.filter((id) => !found.has(id)).join(', ')}`);
  }
  return Promise.all(rows.map(async (a: AttachmentRow) => ({
    filename: a.filename,
    contentType: a.content_type,
    content: await deps.mail.blobs.read(a.sha256),
    contentId: a.content_id,
    inline: a.inline,
  })));
}

/** The SMTP server took the message. `note` records recipients it refused while accepting the others. */
export async function recordOutboundSent(deps: Deps, row: ClaimedOutbound, smtpResponse: string, note: string | null): Promise<boolean> {
  return markOutboundSent(deps.db, row.id, row.attempts, deps.clock.now(), smtpResponse, note);
}

export type OutboundFailureOutcome = 'retry' | 'failed' | 'stale';

/**
 * Records a failed attempt. A temporary failure is retried later (exponential backoff) until `maxAttempts`;
 * a permanent refusal (SMTP 5xx), or the last attempt, marks the mail `failed` and tells the agents on the
 * ticket's timeline, in one transaction. 'stale': the row had meanwhile been taken by another attempt.
 */
export async function recordOutboundFailure(
  deps: Deps,
  row: ClaimedOutbound,
  failure: { error: string; permanent: boolean; maxAttempts: number },
): Promise<OutboundFailureOutcome> {
  const now = deps.clock.now();
  if (!failure.permanent && row.attempts < failure.maxAttempts) {
    const ok = await scheduleOutboundRetry(deps.db, row.id, row.attempts, new Date(now.getTime() + retryDelayMs(row.attempts)), failure.error);
    return ok ? 'retry' : 'stale';
  }
  const recipients = [...row.to_addresses, ...row.cc_addresses];
  const failed = await deps.db.tx(async (sql) => {
    const ticket = await findTicket(sql, { id: row.ticket_id }, true);
    if (!(await markOutboundFailed(sql, row.id, row.attempts, failure.error))) return false;
    const reason = failure.permanent
      ? `The mail server permanently refused the e-mail to ${recipients.join(', ')}: ${failure.error}`
      : `The e-mail to ${recipients.join(', ')} could not be sent after ${row.attempts} attempts: ${failure.error}`;
    await appendTimeline(sql, row.ticket_id, [{
      id: deps.newId(),
      createdAt: now,
      kind: 'ticket.email_failed',
      actor: { kind: 'system', id: null },
      visibility: 'internal',
      body: null,
      reason,
      data: { outbound_message_id: row.id, to: recipients, attempts: row.attempts, error: failure.error },
    }]);
    if (ticket) await updateTicket(sql, row.ticket_id, { updatedAt: now });
    return true;
  });
  if (!failed) return 'stale';
  deps.onCommitted?.([row.ticket_id]);
  return 'failed';
}
