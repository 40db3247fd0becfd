import type { InboundMail } from '../../../shared/api/types';
import type { MessageId } from '../../../shared/i18n/ids';
import {
  CLASSIFICATIONS,
  THREAD_CODES,
  THREAD_RULES,
  threadExplanation,
  type Classification,
  type EmailOrigin,
  type ThreadCode,
  type ThreadRule,
} from '../ticket/email-data';

/**
 * The inbound log's decision in the reader's language, from the rule, Message-ID, header and ticket that matched
 * (older rows have only the English reason, read back as a fallback); the sentences and "because" clauses are the
 * ticket page's, except where those say "this ticket".
 */

const oneOf = <V extends string>(list: readonly V[], v: unknown): V | null => ((list as readonly unknown[]).includes(v) ? (v as V) : null);

/** Codes whose ticket-page sentence says "this ticket": the log names the ticket instead. */
const NAMING_TICKET = ['joined', 'joined_automatic', 'reopened', 'bounce_matched'] as const satisfies readonly ThreadCode[];
type NamingTicket = (typeof NAMING_TICKET)[number];
const namesTicket = (c: ThreadCode): c is NamingTicket => (NAMING_TICKET as readonly string[]).includes(c);

/** Which rule matched, from the reason's wording ("In-Reply-To matched our message <…>", "tag [#12]", …). */
export function matchFromReason(code: ThreadCode, reason: string): { matchedBy: ThreadRule | null; matchedMessageId: string | null } {
  if (code === 'bounce_matched') {
    const id = /\bour message <([^>]+)>/.exec(reason)?.[1] ?? null;
    return { matchedBy: 'reported_message_id', matchedMessageId: id };
  }
  const ours = /\bmatched our message <([^>]+)>/.exec(reason);
  if (ours) return { matchedBy: 'our_message_id', matchedMessageId: ours[1]! };
  if (/\btag \[#\d+\]/.test(reason)) return { matchedBy: 'subject_tag', matchedMessageId: null };
  const earlier = /\bmatched its earlier message <([^>]+)>/.exec(reason);
  if (earlier) return { matchedBy: 'ingested_message_id', matchedMessageId: earlier[1]! };
  return { matchedBy: null, matchedMessageId: null };
}

export interface DecisionSentence {
  id: MessageId;
  values: Record<string, string>;
  because: { id: MessageId; values: Record<string, string> } | null;
}

/** The message and values that explain a row's decision; null without a decision or for a code this version does not know. */
export function decisionSentence(mail: Pick<InboundMail, 'decision' | 'ticket_number'>): DecisionSentence | null {
  const d = mail.decision;
  const code = d ? oneOf(THREAD_CODES, d.code) : null;
  if (!d || !code) return null;
  const origin: EmailOrigin = {
    messageId: null,
    source: null,
    from: null,
    to: [],
    cc: [],
    subject: null,
    date: null,
    classification: null,
    classificationReason: null,
    thread: {
      action: d.action,
      code,
      // Rows filed before the decision carried these name them only in the English reason.
      ...(d.matched_by !== null || d.matched_message_id !== null
        ? { matchedBy: oneOf(THREAD_RULES, d.matched_by), matchedMessageId: d.matched_message_id }
        : matchFromReason(code, d.reason)),
      header: d.matched_header === 'in-reply-to' ? 'In-Reply-To' : d.matched_header === 'references' ? 'References' : null,
      ticketNumber: d.matched_ticket_number,
    },
    fullText: null,
    html: null,
    droppedAttachments: [],
  };
  const explanation = threadExplanation(origin, d.reason);
  if (!explanation) return null;
  const ticket = namesTicket(code) ? mail.ticket_number : explanation.linkedTicket;
  return {
    id: namesTicket(code) ? `admin.inbound.decision.${code}` : explanation.id,
    values: { known: ticket === null ? 'no' : 'yes', ticket: ticket === null ? '' : `#${ticket}` },
    because: explanation.because,
  };
}

/** A classification worth pointing out (anything but mail written by a person). */
export function notableClassification(mail: Pick<InboundMail, 'classification'>): Exclude<Classification, 'human'> | null {
  const c = oneOf(CLASSIFICATIONS, mail.classification);
  return c && c !== 'human' ? c : null;
}
