import type { InboundEmail } from './inbound-email.js';
import { normalizeSubject } from './subject.js';

/**
 * What kind of mail came in, decided before threading, because it changes what threading may do: only `human`
 * mail opens or reopens tickets and gets an acknowledgement; answering the others is how mail loops start.
 */
export const INBOUND_KINDS = ['human', 'auto_reply', 'bulk', 'bounce', 'own'] as const;
export type InboundKind = (typeof INBOUND_KINDS)[number];

export interface InboundClassification {
  kind: InboundKind;
  /** An English sentence naming the header or subject that decided; it goes on the ticket's timeline. */
  reason: string;
}

export interface ClassifyContext {
  /** Our support addresses, lower-case. */
  ownAddresses: readonly string[];
}

export type ClassifiableEmail = Pick<InboundEmail, 'from' | 'subject' | 'headers' | 'contentType' | 'deliveryReport'>;

/** Subjects MTAs give bounces, at the start (after reply prefixes): Postfix, Exim, Sendmail, Gmail, Exchange fr/en/de. */
const BOUNCE_SUBJECTS = [
  /^undelivered mail returned to sender/iu,
  /^delivery status notification \((?:failure|delay)\)/iu,
  /^undeliverable\b/iu,
  /^undelivered mail\b/iu,
  /^mail delivery failed/iu,
  /^mail delivery (?:system|subsystem)/iu,
  /^returned mail\b/iu,
  /^delivery (?:failure|failed|has failed)/iu,
  /^failure notice/iu,
  /^non remis\b/iu,
  /^non distribuable\b/iu,
  /^[ée]chec de (?:la )?(?:remise|distribution)/iu,
  /^unzustellbar\b/iu,
  /^nicht zustellbar\b/iu,
];

/**
 * Auto-reply subjects (Outlook, Exchange, Gmail, Lotus Notes, Thunderbird) in French, English and our neighbours'
 * languages. "Absence" alone is ambiguous ("Absence de réponse" is a complaint from a human): it counts only as the
 * whole subject, before a colon or dash, or as "Absence du bureau / jusqu'au …".
 */
const AUTO_REPLY_SUBJECTS = [
  /^out of (?:the )?office\b/iu,
  /^auto(?:matic)?[- ]?(?:reply|response)\b/iu,
  /^auto\s*:/iu,
  /^absence(?:\s*[:\-–]|\s+du\b|\s+jusqu|$)/iu,
  /^r[ée]ponse automatique\b/iu,
  /^absente? du bureau\b/iu,
  /^message d[’']absence\b/iu,
  /^autosvar\b/iu,
  /^abwesenheitsnotiz\b/iu,
  /^automatische antwort\b/iu,
  /^automatisch antwoord\b/iu,
  /^respuesta autom[áa]tica\b/iu,
  /^risposta automatica\b/iu,
];

/** Headers whose mere presence marks an automatic reply (X-Auto-Response-Suppress is set by Exchange on them). */
const AUTO_REPLY_PRESENCE_HEADERS = ['x-autoreply', 'x-autorespond', 'x-auto-response-suppress', 'x-autoreply-from', 'x-mail-autoreply'];

/** Headers whose presence marks list or campaign mail. */
const BULK_PRESENCE_HEADERS = ['list-id', 'list-unsubscribe'];

const MACHINE_SENDERS = /^(?:mailer-daemon|postmaster)$/iu;

/** Display names for the reason sentences: the header as people write it. */
const HEADER_NAMES: Record<string, string> = {
  'auto-submitted': 'Auto-Submitted',
  'x-autoreply': 'X-Autoreply',
  'x-autorespond': 'X-Autorespond',
  'x-auto-response-suppress': 'X-Auto-Response-Suppress',
  'x-autoreply-from': 'X-Autoreply-From',
  'x-mail-autoreply': 'X-Mail-Autoreply',
  precedence: 'Precedence',
  'list-id': 'List-Id',
  'list-unsubscribe': 'List-Unsubscribe',
};

/** A header value fit for a one-line reason: unfolded, trimmed, and cut so a long List-Unsubscribe stays readable. */
function shown(value: string): string {
  const v = value.replace(/\s+/gu, ' ').trim();
  return v.length > 80 ? `${v.slice(0, 77)}…` : v;
}

const first = (email: ClassifiableEmail, name: string): string | undefined => email.headers[name]?.[0];

/** The parameter of a structured header (`report-type=delivery-status`), lower-case, quotes removed. */
function parameter(value: string, name: string): string | null {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*"?([^";]+)"?`, 'iu').exec(value);
  return m?.[1] ? m[1].trim().toLowerCase() : null;
}

/**
 * Classifies an inbound mail. The order matters and runs from the most certain to the least: our own address
 * (a loop, whatever else it says), then bounces (they must reach the failed message, not a requester's thread),
 * then auto-reply headers, list headers, and last the subject, the weakest signal.
 */
export function classifyInbound(email: ClassifiableEmail, ctx: ClassifyContext): InboundClassification {
  const from = email.from?.address.trim().toLowerCase() ?? null;
  if (from && ctx.ownAddresses.some((a) => a.trim().toLowerCase() === from)) {
    return { kind: 'own', reason: `The sender ${from} is one of our own support addresses.` };
  }

  const subject = normalizeSubject(email.subject).replace(/^(?:\[[^\][]*\]\s*)+/u, '');
  const contentTypeHeader = first(email, 'content-type') ?? '';
  const reportType = email.contentType === 'multipart/report' ? parameter(contentTypeHeader, 'report-type') : null;

  if (email.deliveryReport) {
    return { kind: 'bounce', reason: 'The message is a delivery status notification (a bounce report was parsed from it).' };
  }
  if (reportType === 'delivery-status') {
    return { kind: 'bounce', reason: 'The header Content-Type is multipart/report with report-type=delivery-status.' };
  }
  const localPart = from?.split('@')[0] ?? '';
  const nullReturnPath = (first(email, 'return-path') ?? '').replace(/\s+/gu, '') === '<>';
  const bounceSubject = BOUNCE_SUBJECTS.some((re) => re.test(subject));
  if (bounceSubject && (MACHINE_SENDERS.test(localPart) || nullReturnPath)) {
    const who = MACHINE_SENDERS.test(localPart) ? `The sender ${from}` : 'A message with an empty Return-Path';
    return { kind: 'bounce', reason: `${who} sent a bounce subject "${shown(email.subject)}".` };
  }
  if (reportType === 'disposition-notification') {
    return { kind: 'auto_reply', reason: 'The message is a read receipt (multipart/report with report-type=disposition-notification).' };
  }

  const autoSubmitted = first(email, 'auto-submitted');
  if (autoSubmitted !== undefined) {
    const value = autoSubmitted.split(';')[0]?.trim().toLowerCase() ?? '';
    if (value !== 'no') return { kind: 'auto_reply', reason: `The header Auto-Submitted is "${shown(autoSubmitted)}".` };
  }
  for (const name of AUTO_REPLY_PRESENCE_HEADERS) {
    const value = first(email, name);
    if (value !== undefined) {
      return { kind: 'auto_reply', reason: `The header ${HEADER_NAMES[name]} is present ("${shown(value)}").` };
    }
  }
  const precedenceRaw = first(email, 'precedence');
  const precedence = precedenceRaw?.trim().toLowerCase().match(/^[a-z_-]+/u)?.[0];
  if (precedence === 'auto_reply') return { kind: 'auto_reply', reason: 'The header Precedence is "auto_reply".' };
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list') {
    return { kind: 'bulk', reason: `The header Precedence is "${precedence}".` };
  }
  for (const name of BULK_PRESENCE_HEADERS) {
    const value = first(email, name);
    if (value !== undefined) return { kind: 'bulk', reason: `The header ${HEADER_NAMES[name]} is present (${shown(value)}).` };
  }

  if (AUTO_REPLY_SUBJECTS.some((re) => re.test(subject))) {
    return { kind: 'auto_reply', reason: `The subject "${shown(email.subject)}" is an automatic-reply subject.` };
  }
  // Postmaster can be a person writing to us; MAILER-DAEMON never is, and acknowledging it would start a loop.
  if (localPart.toLowerCase() === 'mailer-daemon') {
    return { kind: 'auto_reply', reason: `The sender ${from} is a mail system, never a person.` };
  }
  return { kind: 'human', reason: 'No automatic-mail header or subject was found.' };
}
