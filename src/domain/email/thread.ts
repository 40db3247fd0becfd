import type { TicketStatus } from '../ticket.js';
import type { InboundClassification } from './classify.js';

/**
 * Where an inbound mail goes. The use case looks the candidates up (our outbound Message-IDs, the subject tag,
 * earlier inbound Message-IDs) and this decides, so that every threading rule is tested here, without a database,
 * and every decision carries a stable code (the UI translates by code) and an English reason for the timeline.
 */
export interface TicketRef {
  id: string;
  number: number;
  status: TicketStatus;
  resolvedAt: Date | null;
  /** Lower-case addresses of the requester's identities. */
  requesterEmails: readonly string[];
  /** Lower-case addresses of the followers (Cc'd people who receive public replies). */
  followerEmails: readonly string[];
}

/** A ticket found through a Message-ID, with the id that matched and where the mail named it. */
export interface MessageIdMatch {
  ticket: TicketRef;
  /** Without angle brackets. */
  messageId: string;
  header: 'in-reply-to' | 'references';
}

export interface ThreadInput {
  /** The sender's address (lower-case), or null when the mail has none. */
  from: string | null;
  classification: InboundClassification;
  now: Date;
  /** How long after resolution a requester's reply reopens the ticket rather than opening a linked one. */
  reopenWindowMs: number;
  /** A ticket whose outbound Message-ID appears in In-Reply-To/References. */
  byOurMessageId: MessageIdMatch | null;
  /** The ticket named by the `[#1042]` tag in the subject. */
  bySubjectTag: TicketRef | null;
  /** A ticket an earlier inbound message of which is referenced. */
  byIngestedMessageId: MessageIdMatch | null;
  /** For bounces: the ticket whose outbound message has the report's original Message-ID. */
  byReportedMessageId?: { ticket: TicketRef; messageId: string } | null;
}

export const THREAD_ACTIONS = ['join', 'reopen', 'new', 'new_linked', 'record_bounce', 'ignore'] as const;
export type ThreadAction = (typeof THREAD_ACTIONS)[number];

export const THREAD_RULES = ['our_message_id', 'subject_tag', 'ingested_message_id', 'reported_message_id'] as const;
export type ThreadRule = (typeof THREAD_RULES)[number];

export const THREAD_CODES = [
  'joined', 'joined_automatic', 'reopened', 'new_ticket', 'new_ticket_sender_not_on_ticket', 'new_linked_closed',
  'new_linked_window_expired', 'bounce_matched', 'bounce_unmatched', 'ignored_own_address', 'ignored_no_sender',
  'ignored_automatic_unthreaded', 'ignored_automatic_closed', 'ignored_rate_limited',
] as const;
export type ThreadCode = (typeof THREAD_CODES)[number];

export interface ThreadDecision {
  action: ThreadAction;
  /** The ticket joined, reopened or given the bounce; null for new tickets and ignored mail. */
  ticketId: string | null;
  /** For `new_linked`: the closed or long-resolved ticket the new one is linked to. */
  linkedTicketId: string | null;
  matchedBy: ThreadRule | null;
  /** The Message-ID that matched, when a Message-ID rule decided (for a bounce: the message that failed). */
  matchedMessageId: string | null;
  /** Where the mail named that Message-ID. */
  matchedHeader: MessageIdMatch['header'] | null;
  /** The number of the ticket the rule found (joined, reopened, linked to, or given the bounce). */
  matchedTicketNumber: number | null;
  /** Tickets that matched but were not joined because the sender is not on them. */
  notJoined: Array<{ ticketId: string; number: number; matchedBy: ThreadRule }>;
  code: ThreadCode;
  reason: string;
}

interface Candidate {
  ticket: TicketRef;
  rule: ThreadRule;
  messageId: string | null;
  header: MessageIdMatch['header'] | null;
  /** "In-Reply-To matched our message <…>": completes "because …". */
  because: string;
}

const HEADER_NAMES = { 'in-reply-to': 'In-Reply-To', references: 'References' } as const;

/** The candidates in the order: our Message-IDs, then the subject tag, then earlier inbound Message-IDs. */
function candidates(input: ThreadInput): Candidate[] {
  const list: Candidate[] = [];
  const ours = input.byOurMessageId;
  if (ours) {
    const because = `${HEADER_NAMES[ours.header]} matched our message <${ours.messageId}>`;
    list.push({ ticket: ours.ticket, rule: 'our_message_id', messageId: ours.messageId, header: ours.header, because });
  }
  const tagged = input.bySubjectTag;
  if (tagged) {
    const because = `the subject carries its tag [#${tagged.number}]`;
    list.push({ ticket: tagged, rule: 'subject_tag', messageId: null, header: null, because });
  }
  const earlier = input.byIngestedMessageId;
  if (earlier) {
    const because = `${HEADER_NAMES[earlier.header]} matched its earlier message <${earlier.messageId}>`;
    list.push({ ticket: earlier.ticket, rule: 'ingested_message_id', messageId: earlier.messageId, header: earlier.header, because });
  }
  return list;
}

const isOnTicket = (ticket: TicketRef, from: string): boolean =>
  [...ticket.requesterEmails, ...ticket.followerEmails].some((a) => a.trim().toLowerCase() === from);

/** "3 days", "5 hours", "12 minutes": enough precision for a reason sentence. */
export function describeDuration(ms: number): string {
  const units: Array<[string, number]> = [['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000]];
  for (const [unit, size] of units) {
    const n = Math.floor(Math.abs(ms) / size);
    if (n >= 1) return `${n} ${unit}${n === 1 ? '' : 's'}`;
  }
  return 'less than a minute';
}

/**
 * Decides where an inbound mail goes. Own mail and bounces are settled first, since neither is a requester
 * speaking. Otherwise the first candidate, in the order, whose ticket has the sender as requester or
 * follower wins: a stranger reusing a subject or a thread never lands in someone else's ticket (the reason names
 * the tickets refused). Then the ticket's state decides: closed → new linked ticket; resolved → reopened within
 * the window, else new linked ticket. Automatic mail (auto-replies, bulk) joins without reopening, and is dropped
 * when it matches nothing: it must never open a ticket nor trigger an acknowledgement.
 */
export function decideThread(input: ThreadInput): ThreadDecision {
  const { classification, now, reopenWindowMs } = input;
  const from = input.from?.trim().toLowerCase() || null;
  const base = {
    ticketId: null, linkedTicketId: null, matchedBy: null, matchedMessageId: null, matchedHeader: null, matchedTicketNumber: null, notJoined: [],
  };

  if (classification.kind === 'own') {
    const reason = `Ignored: the sender ${from ?? '(unknown)'} is one of our own support addresses, so answering would loop.`;
    return { ...base, action: 'ignore', code: 'ignored_own_address', reason };
  }
  if (classification.kind === 'bounce') {
    const reported = input.byReportedMessageId ?? input.byOurMessageId;
    if (!reported) {
      const reason = `Recorded as a delivery failure that matches none of our messages. ${classification.reason}`;
      return { ...base, action: 'record_bounce', code: 'bounce_unmatched', reason };
    }
    const reason = `Recorded on #${reported.ticket.number} as a delivery failure of our message <${reported.messageId}>.`;
    return {
      ...base, action: 'record_bounce', code: 'bounce_matched', ticketId: reported.ticket.id,
      matchedBy: input.byReportedMessageId ? 'reported_message_id' : 'our_message_id', matchedMessageId: reported.messageId,
      matchedTicketNumber: reported.ticket.number, reason,
    };
  }
  if (!from) {
    return { ...base, action: 'ignore', code: 'ignored_no_sender', reason: 'Ignored: the message has no sender address, so there is nobody to answer.' };
  }

  const automatic = classification.kind === 'auto_reply' || classification.kind === 'bulk';
  const refused: Candidate[] = [];
  const match = candidates(input).find((c) => {
    if (isOnTicket(c.ticket, from)) return true;
    if (!refused.some((r) => r.ticket.id === c.ticket.id)) refused.push(c);
    return false;
  });
  const notJoined = refused.map((r) => ({ ticketId: r.ticket.id, number: r.ticket.number, matchedBy: r.rule }));
  const refusals = refused
    .map((r) => `Did not join #${r.ticket.number} (${r.because}) because ${from} is neither its requester nor a follower.`)
    .join(' ');
  const withRefusals = (sentence: string): string => (refusals ? `${refusals} ${sentence}` : sentence);

  if (!match) {
    if (automatic) {
      const reason = withRefusals(`Ignored: automatic mail never opens a ticket, and this one matches none. ${classification.reason}`);
      return { ...base, notJoined, action: 'ignore', code: 'ignored_automatic_unthreaded', reason };
    }
    const code = refused.length > 0 ? 'new_ticket_sender_not_on_ticket' : 'new_ticket';
    const reason = withRefusals(refused.length > 0 ? 'Opened a new ticket.' : 'Opened a new ticket: no Message-ID or subject tag matched an existing ticket.');
    return { ...base, notJoined, action: 'new', code, reason };
  }

  const { ticket } = match;
  const found = {
    ...base, notJoined, matchedBy: match.rule, matchedMessageId: match.messageId, matchedHeader: match.header,
    matchedTicketNumber: ticket.number,
  };
  const n = `#${ticket.number}`;

  if (automatic) {
    if (ticket.status === 'closed') {
      const reason = withRefusals(`Ignored: ${match.because}, but ${n} is closed and automatic mail does not open a new ticket. ${classification.reason}`);
      return { ...found, action: 'ignore', code: 'ignored_automatic_closed', reason };
    }
    const stays = ticket.status === 'resolved' ? ', without reopening it: automatic mail never reopens a ticket' : '';
    const reason = withRefusals(`Joined ${n} because ${match.because}${stays}. ${classification.reason}`);
    return { ...found, action: 'join', code: 'joined_automatic', ticketId: ticket.id, reason };
  }
  if (ticket.status === 'closed') {
    const reason = withRefusals(`Opened a new ticket linked to ${n}: ${match.because}, but ${n} is closed.`);
    return { ...found, action: 'new_linked', code: 'new_linked_closed', linkedTicketId: ticket.id, reason };
  }
  if (ticket.status === 'resolved') {
    const window = describeDuration(reopenWindowMs);
    if (!ticket.resolvedAt) {
      const reason = withRefusals(
        `Reopened ${n} because ${match.because}; its resolution time is unknown, so it is treated as within the ${window} reopen window.`,
      );
      return { ...found, action: 'reopen', code: 'reopened', ticketId: ticket.id, reason };
    }
    const since = now.getTime() - ticket.resolvedAt.getTime();
    if (since <= reopenWindowMs) {
      const ago = describeDuration(since);
      const reason = withRefusals(`Reopened ${n} because ${match.because}; it was resolved ${ago} ago, within the ${window} reopen window.`);
      return { ...found, action: 'reopen', code: 'reopened', ticketId: ticket.id, reason };
    }
    const reason = withRefusals(
      `Opened a new ticket linked to ${n}: ${match.because}, but it was resolved ${describeDuration(since)} ago, beyond the ${window} reopen window.`,
    );
    return { ...found, action: 'new_linked', code: 'new_linked_window_expired', linkedTicketId: ticket.id, reason };
  }
  const reason = withRefusals(`Joined ${n} because ${match.because}.`);
  return { ...found, action: 'join', code: 'joined', ticketId: ticket.id, reason };
}
