import { createHash } from 'node:crypto';
import { messageIds } from './mime-fields.js';

/**
 * Trace headers each relay adds or rewrites: the same message delivered twice (two MX paths, an IMAP copy and an
 * SMTP copy) differs only in these, so the content hash leaves them out.
 */
const TRACE_HEADERS = new Set([
  'received', 'return-path', 'delivered-to', 'x-original-to', 'x-received', 'x-envelope-from', 'x-envelope-to',
  'arc-seal', 'arc-message-signature', 'arc-authentication-results', 'authentication-results', 'received-spf',
  'x-spam-status', 'x-spam-score', 'x-spam-checker-version', 'x-virus-scanned',
]);

export interface DedupeIdentity {
  /** Message-ID without angle brackets, or null. */
  messageId: string | null;
  /** `mid:<Message-ID>`, or `sha:<hash of the message without trace headers>` when it has none. */
  key: string;
}

/**
 * What makes two deliveries "the same message": its Message-ID when it has one (RFC 5322 makes it unique per
 * message), else a hash of its content. Reads only the header block, without a full MIME parse, because it runs
 * before the message is acknowledged.
 */
export function dedupeIdentity(raw: Buffer): DedupeIdentity {
  const text = raw.toString('latin1');
  const end = headerEnd(text);
  const head = text.slice(0, end);
  const fields = unfold(head);
  const idField = fields.find((f) => f.name === 'message-id');
  const messageId = idField ? (messageIds([idField.value])[0] ?? null) : null;
  if (messageId) return { messageId, key: `mid:${messageId}` };
  const hash = createHash('sha256');
  for (const f of fields) {
    if (!TRACE_HEADERS.has(f.name)) hash.update(`${f.name}:${f.value.replace(/\s+/g, ' ').trim()}\n`);
  }
  hash.update('\n');
  // latin1 maps bytes one to one, so the string offset is the byte offset.
  hash.update(raw.subarray(end));
  return { messageId: null, key: `sha:${hash.digest('hex')}` };
}

/** Offset of the blank line ending the header block (or the whole text when there is none). */
function headerEnd(text: string): number {
  const m = /\r?\n\r?\n/.exec(text);
  return m ? m.index : text.length;
}

function unfold(head: string): Array<{ name: string; value: string }> {
  const fields: Array<{ name: string; value: string }> = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && fields.length > 0) {
      fields[fields.length - 1]!.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) fields.push({ name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() });
  }
  return fields;
}
