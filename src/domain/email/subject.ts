/**
 * Subject rules of the e-mail channel: what a subject means once the clients' reply and forward decorations are
 * taken off, and the `[#1042]` tag that ties a mail to a ticket. Threading reads the tag (second rule, after our
 * Message-IDs); new tickets get their subject from `normalizeSubject`; outbound mail is tagged by `tagSubject`.
 */

/**
 * Reply and forward prefixes as mail clients write them, lower-case. French and English first (Outlook fr writes
 * "RE :", "TR :", some gateways "Réf. :"), then the clients our requesters use most: German (AW, WG, Antw),
 * Nordic (SV, VS, VB, VL), Dutch (Antw, Doorst), Spanish (RV), Italian (RIF), Polish (ODP), Portuguese (RES, ENC).
 * Each must be followed by a colon, so words such as "Rebooted:" or "Travaux:" are left alone.
 */
const REPLY_PREFIXES = [
  're', 'ref', 'réf', 'fw', 'fwd', 'tr', 'aw', 'wg', 'antw', 'antwort', 'sv', 'vs', 'vb', 'vl', 'rv', 'rif',
  'odp', 'res', 'enc', 'doorst',
] as const;

/**
 * One prefix: the word, an optional dot ("Réf."), an optional counter some clients add instead of repeating the
 * prefix ("Re[2]:", "Re(3):", "Re^2:"), spaces (French typography puts one, often non-breaking, before the colon)
 * and an ASCII or full-width colon. Longest words first so that "fwd" is not read as "fw" + "d".
 */
const PREFIX_RE = new RegExp(
  `^(?:${[...REPLY_PREFIXES].sort((a, b) => b.length - a.length).join('|')})\\.?\\s*(?:\\[\\d+\\]|\\(\\d+\\)|\\^\\d+)?\\s*[:：]\\s*`,
  'iu',
);

/** A leading bracketed tag such as "[EXTERNAL]", "[Ext]" or a list tag "[users]": kept, it is not a reply marker. */
const LEADING_TAG_RE = /^\[[^\][]*\]\s*/u;

/** Our ticket tag: `[#1042]`, or `[Prefix #1042]` for a configured prefix. */
const DEFAULT_TAG_RE = /\[\s*#\s*(\d{1,12})\s*\]/gu;

export interface TicketTagOptions {
  /** Extra tag prefixes accepted on inbound mail, e.g. ['Relais', 'Support'] for `[Relais #1042]`. */
  prefixes?: readonly string[];
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

function tagRe(options: TicketTagOptions | undefined): RegExp {
  const prefixes = (options?.prefixes ?? []).map((p) => p.trim()).filter((p) => p.length > 0);
  if (prefixes.length === 0) return new RegExp(DEFAULT_TAG_RE.source, 'gu');
  return new RegExp(`\\[\\s*(?:(?:${prefixes.map(escapeRe).join('|')})\\s*)?#\\s*(\\d{1,12})\\s*\\]`, 'giu');
}

const collapse = (s: string): string => s.normalize('NFC').replace(/\s+/gu, ' ').trim();

/**
 * The subject without reply/forward prefixes, however many and in whatever order ("RE: TR: Re[2]: x" → "x"),
 * with whitespace collapsed and Unicode in NFC. Leading bracketed tags ("[EXTERNAL]", our "[#1042]") are kept in
 * front, once each, and prefixes after them are stripped too: "RE: [EXTERNAL] RE: x" → "[EXTERNAL] x", so a tag a
 * gateway inserted between two prefixes does not hide the second one.
 */
export function normalizeSubject(subject: string): string {
  let rest = collapse(subject);
  const tags: string[] = [];
  for (;;) {
    const prefix = PREFIX_RE.exec(rest);
    if (prefix) {
      rest = rest.slice(prefix[0].length);
      continue;
    }
    const tag = LEADING_TAG_RE.exec(rest);
    if (tag) {
      const text = tag[0].trim();
      if (!tags.some((t) => t.toLowerCase() === text.toLowerCase())) tags.push(text);
      rest = rest.slice(tag[0].length);
      continue;
    }
    break;
  }
  return [...tags, rest].filter((part) => part.length > 0).join(' ');
}

/**
 * The ticket number in our subject tag (`[#1042]`, or `[Relais #1042]` when 'Relais' is a configured prefix), or
 * null. The first tag wins: clients keep it where we put it, and a later one is usually quoted from another thread.
 */
export function extractTicketNumber(subject: string, options?: TicketTagOptions): number | null {
  for (const m of collapse(subject).matchAll(tagRe(options))) {
    const n = Number(m[1]);
    if (Number.isSafeInteger(n) && n > 0) return n;
  }
  return null;
}

/**
 * The subject with `[#number]` in it exactly once, placed after any leading reply prefixes ("Re: [#1042] x") so
 * that requesters' clients still thread on it. Idempotent. Tags of other tickets are removed: a new ticket opened
 * from "RE: [#1042] x" by someone else must not carry #1042's tag, or the next reply would thread there.
 */
export function tagSubject(subject: string, number: number, options?: TicketTagOptions): string {
  if (!Number.isSafeInteger(number) || number < 1) throw new RangeError(`Not a ticket number: ${number}`);
  const text = collapse(subject);
  const numbers = [...text.matchAll(tagRe(options))].map((m) => Number(m[1]));
  if (numbers.length === 1 && numbers[0] === number) return text;
  const untagged = collapse(text.replace(tagRe(options), ' '));
  let lead = '';
  let rest = untagged;
  for (let m = PREFIX_RE.exec(rest); m; m = PREFIX_RE.exec(rest)) {
    lead += m[0].trim() + ' ';
    rest = rest.slice(m[0].length);
  }
  return collapse(`${lead}[#${number}] ${rest}`);
}
