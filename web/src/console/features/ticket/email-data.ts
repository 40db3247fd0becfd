import type { TimelineEntry } from '../../../shared/api/types';
import type { MessageId } from '../../../shared/i18n/ids';
import type { ThreadCode as ServerThreadCode, ThreadRule as ServerThreadRule } from '../../../../../src/domain/email/thread.js';

/**
 * What a timeline entry says about the mail it came from (`data.email`, written by the server's ingestion).
 * `data` is free-form on the wire, so it is read defensively: a field of the wrong type is treated as absent.
 */
export interface EmailOrigin {
  messageId: string | null;
  source: 'smtp' | 'imap' | 'http' | null;
  from: { address: string; name: string | null } | null;
  to: string[];
  cc: string[];
  subject: string | null;
  date: string | null;
  classification: Classification | null;
  classificationReason: string | null;
  thread: {
    action: string | null;
    code: ThreadCode | null;
    matchedBy: ThreadRule | null;
    matchedMessageId: string | null;
    /** 'In-Reply-To' or 'References' when a Message-ID rule decided. */
    header: string | null;
    /** The ticket the rule found (joined, reopened, linked to). */
    ticketNumber: number | null;
  };
  /** The whole text, quoted history and signature included, when it differs from the entry's body. */
  fullText: string | null;
  /** The HTML part (the server already sanitized it and removed remote content). */
  html: string | null;
  droppedAttachments: Array<{ filename: string | null; size: number }>;
}

/** Mirrors THREAD_CODES of src/domain/email/thread.ts; an unknown code falls back to the English reason. */
export const THREAD_CODES = [
  'joined', 'joined_automatic', 'reopened', 'new_ticket', 'new_ticket_sender_not_on_ticket', 'new_linked_closed',
  'new_linked_window_expired', 'bounce_matched', 'bounce_unmatched', 'ignored_own_address', 'ignored_no_sender',
  'ignored_automatic_unthreaded', 'ignored_automatic_closed', 'ignored_rate_limited',
] as const;
export type ThreadCode = (typeof THREAD_CODES)[number];

export const THREAD_RULES = ['our_message_id', 'subject_tag', 'ingested_message_id', 'reported_message_id'] as const;
export type ThreadRule = (typeof THREAD_RULES)[number];

// The lists above must stay equal to the server's: a code added there is a compile error here until translated.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const codesMatch: Same<ThreadCode, ServerThreadCode> & Same<ThreadRule, ServerThreadRule> = true;
void codesMatch;

export const CLASSIFICATIONS = ['human', 'auto_reply', 'bulk', 'bounce', 'own'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

const SOURCES = ['smtp', 'imap', 'http'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const oneOf = <V extends string>(list: readonly V[], v: unknown): V | null =>
  (list as readonly unknown[]).includes(v) ? (v as V) : null;

/** The mail an entry came from, or null for entries that did not come by e-mail. */
export function emailOrigin(entry: Pick<TimelineEntry, 'data'>): EmailOrigin | null {
  const e = entry.data.email;
  if (!isRecord(e)) return null;
  const from = isRecord(e.from) && str(e.from.address) ? { address: str(e.from.address)!, name: str(e.from.name) } : null;
  const thread = isRecord(e.thread) ? e.thread : {};
  const dropped = Array.isArray(e.dropped_attachments) ? e.dropped_attachments : [];
  return {
    messageId: str(e.message_id),
    source: oneOf(SOURCES, e.source),
    from,
    to: strings(e.to),
    cc: strings(e.cc),
    subject: str(e.subject),
    date: str(e.date),
    classification: oneOf(CLASSIFICATIONS, e.classification),
    classificationReason: str(e.classification_reason),
    thread: {
      action: str(thread.action),
      code: oneOf(THREAD_CODES, thread.code),
      matchedBy: oneOf(THREAD_RULES, thread.matched_by),
      matchedMessageId: str(thread.matched_message_id),
      header: str(thread.header),
      ticketNumber: typeof thread.ticket_number === 'number' ? thread.ticket_number : null,
    },
    fullText: str(e.full_text),
    html: str(e.html),
    droppedAttachments: dropped.filter(isRecord).map((d) => ({
      filename: str(d.filename),
      size: typeof d.size === 'number' ? d.size : 0,
    })),
  };
}

/** "Jean Martin <jean@client.example>", or the bare address. */
export function mailbox(a: { address: string; name: string | null }): string {
  return a.name ? `${a.name} <${a.address}>` : a.address;
}

/** A Message-ID as mail shows it, in angle brackets. */
export const bracketed = (messageId: string): string => `<${messageId.replace(/^<|>$/g, '')}>`;

/** The parts of a threading explanation: which message, which values, and which ticket to link to. */
export interface ThreadExplanation {
  id: MessageId;
  /** The "because" clause (which header matched which message), already a message of its own. */
  because: { id: MessageId; values: Record<string, string> } | null;
  /** For new tickets linked to an old one: its number, when the server's reason names it. */
  linkedTicket: number | null;
}

/**
 * How the threading decision is explained in the reader's language. The server stores the header that matched
 * (In-Reply-To or References) and the matched ticket's number in `thread.header` and `thread.ticket_number`; entries
 * filed before those fields existed name them only in the English reason, read as a fallback.
 */
export function threadExplanation(origin: EmailOrigin, reason: string | null): ThreadExplanation | null {
  const { code, matchedBy, matchedMessageId } = origin.thread;
  if (!code) return null;
  const text = reason ?? '';
  // Entries filed before the decision carried these fields name them only in the English reason.
  const header = origin.thread.header ?? /\b(In-Reply-To|References) matched\b/.exec(text)?.[1] ?? 'In-Reply-To / References';
  const tag = origin.thread.ticketNumber ?? /\btag \[#(\d+)\]/.exec(text)?.[1];
  const messageId = matchedMessageId ? bracketed(matchedMessageId) : '';
  let because: ThreadExplanation['because'] = null;
  switch (matchedBy) {
    case 'our_message_id':
    case 'ingested_message_id':
      because = messageId ? { id: `ticket.thread.by.${matchedBy}`, values: { header, messageId } } : { id: 'ticket.thread.by.unknown', values: {} };
      break;
    case 'subject_tag':
      because = tag ? { id: 'ticket.thread.by.subject_tag', values: { tag: `[#${tag}]` } } : { id: 'ticket.thread.by.unknown', values: {} };
      break;
    case 'reported_message_id':
      because = { id: 'ticket.thread.by.reported_message_id', values: { messageId: messageId || '?' } };
      break;
    default:
      because = { id: 'ticket.thread.by.unknown', values: {} };
  }
  const linked = code.startsWith('new_linked') ? (origin.thread.ticketNumber ?? /\blinked to #(\d+)/.exec(text)?.[1]) : undefined;
  return { id: `ticket.thread.code.${code}`, because, linkedTicket: linked ? Number(linked) : null };
}
