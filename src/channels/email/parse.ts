import { createHash } from 'node:crypto';
import { convert as htmlToText } from 'html-to-text';
import { simpleParser, type Attachment, type ParsedMail } from 'mailparser';
import { DomainError } from '../../domain/errors.js';
import type { DeliveryReport, InboundAttachment, InboundEmail } from '../../domain/email/inbound-email.js';
import { readDeliveryStatus } from './delivery-report.js';
import { headerTable, messageIds, toAddresses } from './mime-fields.js';
import { newTextOf } from './reply-text.js';
import { sanitizeEmailHtml } from './sanitize-email-html.js';

export const DEFAULT_MAX_EMAIL_BYTES = 25 * 1024 * 1024;
export const DEFAULT_MAX_NESTING = 3;

export interface ParseEmailOptions {
  /** Larger raw messages are refused with EMAIL_TOO_LARGE (default 25 MiB). */
  maxBytes?: number;
  /** How deep attached message/rfc822 parts are parsed into `attachedMessages` (default 3). */
  maxNesting?: number;
}

export interface ParsedAttachment {
  meta: InboundAttachment;
  content: Buffer;
}

export interface ParsedEmail {
  email: InboundEmail;
  /**
   * Every attachment body the caller must store (content-addressed by `meta.sha256`): the top-level ones
   * first, in `email.attachments` order, then those of attached messages, depth first.
   */
  attachments: ParsedAttachment[];
}

/**
 * Turns a raw RFC 5322 message into what the rest of Relais reads. Refuses only an empty or too-large input;
 * anything else, however malformed, gives a best-effort message (mailparser is tolerant, and if it still
 * fails the raw bytes become the text).
 *
 * Orders: `inReplyTo` is kept in header order; `references` is reversed from header order (which is oldest
 * first) so that the nearest ancestor comes first, as the threading rules try it first.
 */
export async function parseEmail(raw: Buffer, opts: ParseEmailOptions = {}): Promise<ParsedEmail> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_EMAIL_BYTES;
  if (raw.length > maxBytes) {
    throw new DomainError('EMAIL_TOO_LARGE', `The message is ${raw.length} bytes; the limit is ${maxBytes} bytes.`, {
      limitBytes: maxBytes,
      sizeBytes: raw.length,
    });
  }
  if (raw.findIndex((byte) => byte > 0x20) === -1) {
    throw new DomainError('EMAIL_EMPTY', 'The message is empty.');
  }
  return parseLevel(raw, 0, opts.maxNesting ?? DEFAULT_MAX_NESTING);
}

async function parseLevel(raw: Buffer, depth: number, maxNesting: number): Promise<ParsedEmail> {
  let mail: ParsedMail;
  try {
    mail = await parseMime(raw);
    // Old clients send Latin-1 text without a charset (or labelled us-ascii); mailparser reads it as UTF-8 and
    // every accented letter becomes U+FFFD. When a single-part text message decodes that way, its bytes are read
    // as windows-1252 instead (the usual meaning of undeclared 8-bit text in French and Western mail).
    const relabelled = (mail.text ?? '').includes('\uFFFD') ? relabelUndeclaredCharset(raw, mail) : null;
    if (relabelled) mail = await parseMime(relabelled);
  } catch {
    return { email: unparsed(raw), attachments: [] };
  }

  const stored: ParsedAttachment[] = mail.attachments.map((a) => ({ meta: attachmentMeta(a, mail.html), content: a.content }));
  const nested: ParsedAttachment[] = [];
  const attachedMessages: InboundEmail[] = [];
  if (depth < maxNesting) {
    for (const part of mail.attachments.filter((a) => a.contentType.toLowerCase() === 'message/rfc822')) {
      if (part.content.length === 0) continue;
      const inner = await parseLevel(part.content, depth + 1, maxNesting);
      attachedMessages.push(inner.email);
      nested.push(...inner.attachments);
    }
  }

  const headers = headerTable(mail.headerLines);
  const contentType = topContentType(mail);
  const html = typeof mail.html === 'string' ? sanitizeEmailHtml(mail.html) : null;
  const text = textOf(mail, html, raw);
  const email: InboundEmail = {
    messageId: messageIds(headers['message-id'] ?? [])[0] ?? null,
    inReplyTo: messageIds(headers['in-reply-to'] ?? []),
    references: messageIds(headers['references'] ?? []).reverse(),
    from: toAddresses(mail.from)[0] ?? null,
    replyTo: toAddresses(mail.replyTo),
    to: toAddresses(mail.to),
    cc: toAddresses(mail.cc),
    subject: (mail.subject ?? '').trim(),
    date: dateOf(headers['date']?.[0]),
    text,
    newText: newTextOf(text),
    html,
    headers,
    contentType,
    deliveryReport: null,
    attachments: stored.map((s) => s.meta),
    attachedMessages,
  };
  if (isDeliveryReport(mail)) email.deliveryReport = await deliveryReportOf(mail.attachments, attachedMessages);
  return { email, attachments: [...stored, ...nested] };
}

function parseMime(raw: Buffer): Promise<ParsedMail> {
  return simpleParser(raw, {
    checksumAlgo: 'sha256',
    keepCidLinks: true,
    keepDeliveryStatus: true,
    skipTextToHtml: true,
    skipImageLinks: true,
    // Text is derived below from the sanitized HTML, so no script or tracker URL leaks into it.
    skipHtmlToText: true,
  });
}

/**
 * The message with `charset=windows-1252` on its top-level Content-Type, when it is a single text part whose
 * declared charset (none, us-ascii or utf-8) its bytes do not match; null otherwise.
 */
function relabelUndeclaredCharset(raw: Buffer, mail: ParsedMail): Buffer | null {
  const { value, params } = contentTypeHeader(mail);
  if (!value.startsWith('text/') && value !== '') return null;
  const declared = (params['charset'] ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!['', 'usascii', 'ascii', 'utf8'].includes(declared)) return null;
  const text = raw.toString('latin1');
  const end = /\r?\n\r?\n/.exec(text)?.index ?? text.length;
  const head = text.slice(0, end).replace(/^content-type:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*\r?\n?/gim, '');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const type = value || 'text/plain';
  return Buffer.concat([Buffer.from(`Content-Type: ${type}; charset=windows-1252${eol}${head}`, 'latin1'), raw.subarray(end)]);
}

/**
 * The text/plain parts, else text derived from the (sanitized) HTML. A message mailparser found no header
 * in is a bare body: the raw bytes are its text.
 */
function textOf(mail: ParsedMail, html: string | null, raw: Buffer): string {
  let text = (mail.text ?? '').trim();
  if (text === '' && html !== null) {
    text = htmlToText(html, {
      wordwrap: false,
      selectors: [
        { selector: 'img', format: 'skip' },
        { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      ],
    }).trim();
  }
  const hasHeader = (mail.headerLines ?? []).some((h) => /^[!-9;-~]+:/.test(h.line));
  if (text === '' && !hasHeader && mail.attachments.length === 0) text = raw.toString('utf8').trim();
  if (text === '' && html === null && mail.attachments.length === 0) text = unsplitMultipartBody(mail, raw);
  return text.replace(/\r\n/g, '\n');
}

/**
 * The body of a multipart whose boundary is missing or never occurs: mailparser splits nothing out of it and
 * drops it, while a mail client shows it as text (found by the corpus suite, enmime's multipart-wo-boundary).
 */
function unsplitMultipartBody(mail: ParsedMail, raw: Buffer): string {
  const { value, params } = contentTypeHeader(mail);
  if (!value.startsWith('multipart/')) return '';
  const source = raw.toString('utf8');
  const end = /\r?\n\r?\n/.exec(source);
  if (!end) return '';
  const body = source.slice(end.index + end[0].length);
  const boundary = params.boundary?.trim();
  if (boundary && body.includes(`--${boundary}`)) return '';
  return body.trim();
}

/** mailparser turns an unreadable Date header into "now"; an unreadable date is no date. */
function dateOf(header: string | undefined): Date | null {
  if (header === undefined) return null;
  const date = new Date(header.replace(/\s*\([^)]*\)\s*$/, ''));
  return Number.isNaN(date.getTime()) ? null : date;
}

function attachmentMeta(a: Attachment, html: string | false): InboundAttachment {
  const contentId = a.cid?.trim() || null;
  const referenced = contentId !== null && typeof html === 'string' && html.includes(`cid:${contentId}`);
  return {
    filename: a.filename ?? null,
    contentType: a.contentType.toLowerCase(),
    size: a.content.length,
    contentId,
    inline: a.contentDisposition === 'inline' || a.related === true || referenced,
    sha256: a.checksum || createHash('sha256').update(a.content).digest('hex'),
  };
}

/** mailparser's parsed Content-Type header ({ value, params }), whatever shape it came in. */
function contentTypeHeader(mail: ParsedMail): { value: string; params: Record<string, string> } {
  const header = mail.headers.get('content-type') as { value?: unknown; params?: Record<string, string> } | undefined;
  const value = typeof header?.value === 'string' && header.value !== '' ? header.value.toLowerCase() : 'text/plain';
  return { value, params: header?.params ?? {} };
}

function topContentType(mail: ParsedMail): string {
  return contentTypeHeader(mail).value;
}

function isDeliveryReport(mail: ParsedMail): boolean {
  const { value, params } = contentTypeHeader(mail);
  return value === 'multipart/report' && (params['report-type'] ?? '').toLowerCase() === 'delivery-status';
}

async function deliveryReportOf(parts: Attachment[], attachedMessages: InboundEmail[]): Promise<DeliveryReport> {
  const type = (a: Attachment): string => a.contentType.toLowerCase();
  const status = parts.find((a) => type(a) === 'message/delivery-status' || type(a) === 'message/global-delivery-status');
  let originalMessageId = attachedMessages.find((m) => m.messageId !== null)?.messageId ?? null;
  if (originalMessageId === null) {
    const returned = parts.find((a) => ['text/rfc822-headers', 'message/rfc822', 'message/global-headers'].includes(type(a)));
    if (returned) originalMessageId = await messageIdOfHeaders(returned.content);
  }
  return { originalMessageId, recipients: status ? readDeliveryStatus(status.content.toString('utf8')) : [] };
}

/** The Message-ID in a returned header block (text/rfc822-headers is headers without a body). */
async function messageIdOfHeaders(content: Buffer): Promise<string | null> {
  try {
    const parsed = await simpleParser(Buffer.concat([content, Buffer.from('\r\n\r\n')]), { skipHtmlToText: true });
    return messageIds(headerTable(parsed.headerLines)['message-id'] ?? [])[0] ?? null;
  } catch {
    return null;
  }
}

/** Last resort when the MIME parser gives up: the bytes as text, so nothing readable is lost. */
function unparsed(raw: Buffer): InboundEmail {
  const text = raw.toString('utf8').replace(/\r\n/g, '\n').trim();
  return {
    messageId: null, inReplyTo: [], references: [], from: null, replyTo: [], to: [], cc: [], subject: '', date: null,
    text, newText: text, html: null, headers: {}, contentType: 'text/plain', deliveryReport: null, attachments: [],
    attachedMessages: [],
  };
}
