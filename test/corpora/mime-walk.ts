import { createHash } from 'node:crypto';

/**
 * A second, independent reading of a raw message's MIME tree, for the corpus suite's "no readable text part is
 * lost" check. Relais parses with mailparser (simpleParser over @zone-eu/mailsplit and libmime); checking it
 * against itself would prove nothing, so this walker shares none of that code: it splits header blocks and
 * multipart bodies itself, parses Content-Type parameters itself, decodes base64 / quoted-printable itself and
 * decodes charsets with the WHATWG TextDecoder (ICU) instead of iconv-lite.
 *
 * It follows RFC 2045/2046 where a message is well formed and is lenient where the corpora are not: a delimiter
 * line is `--boundary` (or `--boundary--`) followed only by white space, so that boundaries that are prefixes of
 * one another stay apart; a multipart without a boundary, or whose boundary never occurs, is read as one text
 * body (its text is still there for a reader); an unknown charset is read as UTF-8 when valid, else windows-1252.
 * It is a test oracle, not a parser to ship: when it and Relais disagree, the test reports the message and a
 * person decides which one is right.
 */
export interface MimeNode {
  /** Position in the tree ("1", "1.2", "1.2.1"), for reports. */
  path: string;
  /** Lower-case media type, e.g. text/plain. */
  type: string;
  params: Record<string, string>;
  disposition: string | null;
  filename: string | null;
  /** The body after transfer decoding (for a multipart: its raw body). */
  body: Buffer;
  sha256: string;
  children: MimeNode[];
  /** For text/* leaves: the body decoded from its charset (format=flowed undone). */
  text: string | null;
}

export interface MimeLeaf extends MimeNode {
  /** The nodes above this one, outermost first. */
  ancestors: MimeNode[];
}

export interface Header {
  name: string;
  value: string;
}

const FIELD = /^([!-9;-~]+)[ \t]*:(.*)$/s;
const MAX_DEPTH = 12;

/** Splits a message (or a body part) into its unfolded header fields and its body bytes. */
export function splitHeaders(raw: Buffer): { headers: Header[]; body: Buffer } {
  const s = raw.toString('latin1');
  const blank = /^\r?\n/.exec(s);
  if (blank) return { headers: [], body: raw.subarray(blank[0].length) };
  const end = /\r?\n\r?\n/.exec(s);
  const headerText = end ? s.slice(0, end.index) : s;
  const lines = headerText.split(/\r?\n/);
  // A "header block" whose first line is no field (nor an indented one, as some broken mailers write) is body text.
  const first = lines[0] ?? '';
  if (!FIELD.test(first.trimStart())) return { headers: [], body: raw };
  if (!end && lines.some((l) => l !== '' && !/^[ \t]/.test(l) && !FIELD.test(l))) return { headers: [], body: raw };
  const headers: Header[] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      headers[headers.length - 1]!.value += ` ${line.trim()}`;
      continue;
    }
    const m = FIELD.exec(line.trimStart());
    if (m) headers.push({ name: m[1]!.toLowerCase(), value: m[2]!.trim() });
  }
  const bodyStart = end ? end.index + end[0].length : s.length;
  return { headers, body: raw.subarray(bodyStart) };
}

export const headerValue = (headers: Header[], name: string): string | undefined => headers.find((h) => h.name === name)?.value;

/** `type/subtype; a=1; b="x;y"` → value and lower-case parameter names (quotes and backslash escapes removed). */
export function structuredValue(value: string): { value: string; params: Record<string, string> } {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quoted && c === '\\' && i + 1 < value.length) {
      cur += value[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  parts.push(cur);
  const params: Record<string, string> = {};
  for (const p of parts.slice(1)) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const key = p.slice(0, eq).trim().toLowerCase();
    let v = p.slice(eq + 1).trim();
    if (v.startsWith('"')) v = v.slice(1, v.endsWith('"') && v.length > 1 ? -1 : undefined);
    if (key && !(key in params)) params[key] = v;
  }
  return { value: (parts[0] ?? '').trim().toLowerCase(), params };
}

function decodeBase64(body: Buffer): Buffer {
  return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
}

function decodeQuotedPrintable(body: Buffer): Buffer {
  const s = body
    .toString('latin1')
    .replace(/[ \t]+(?=\r?\n)/g, '')
    .replace(/=[ \t]*\r?\n/g, '')
    .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(s, 'latin1');
}

function transferDecode(body: Buffer, encoding: string | undefined): Buffer {
  const e = (encoding ?? '').trim().toLowerCase();
  if (e === 'base64') return decodeBase64(body);
  if (e === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** Bytes → string by the declared charset; unknown or missing: UTF-8 when the bytes are valid UTF-8, else windows-1252. */
export function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  const label = (charset ?? '').trim().toLowerCase();
  if (label && label !== 'utf-8' && label !== 'utf8') {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      /* unknown label: guess below */
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return label === 'utf-8' || label === 'utf8' ? new TextDecoder('utf-8').decode(bytes) : new TextDecoder('windows-1252').decode(bytes);
  }
}

/** RFC 3676: joins soft-broken lines (a trailing space) and removes space-stuffing. */
function unflow(text: string, delSp: boolean): string {
  const out: string[] = [];
  let pending: string | null = null;
  for (let line of text.split(/\r?\n/)) {
    if (line.startsWith(' ')) line = line.slice(1);
    const soft = line.endsWith(' ') && line !== '-- ';
    const piece = soft && delSp ? line.slice(0, -1) : line;
    pending = pending === null ? piece : pending + piece;
    if (!soft) {
      out.push(pending);
      pending = null;
    }
  }
  if (pending !== null) out.push(pending);
  return out.join('\n');
}

/** The body parts of a multipart body, by strict delimiter lines; null when the boundary never occurs. */
function splitMultipart(body: Buffer, boundary: string): Buffer[] | null {
  const s = body.toString('latin1');
  const delimiter = `--${boundary}`;
  const parts: Buffer[] = [];
  let start: number | null = null;
  let found = false;
  const lineRe = /([^\r\n]*)(\r?\n|$)/g;
  for (let m = lineRe.exec(s); m && m[0] !== ''; m = lineRe.exec(s)) {
    const line = m[1]!;
    if (line.startsWith(delimiter) && /^(--)?[ \t]*$/.test(line.slice(delimiter.length))) {
      found = true;
      // The line break before a delimiter belongs to the delimiter (RFC 2046 §5.1.1).
      if (start !== null) parts.push(body.subarray(start, Math.max(start, m.index - (s[m.index - 2] === '\r' ? 2 : 1))));
      if (line.slice(delimiter.length).startsWith('--')) return parts;
      start = m.index + m[0].length;
    }
  }
  if (!found) return null;
  // No closing delimiter: the last part runs to the end.
  if (start !== null && start < s.length) parts.push(body.subarray(start));
  return parts;
}

function node(path: string, headers: Header[], rawBody: Buffer, defaultType: string, depth: number): MimeNode {
  const ct = structuredValue(headerValue(headers, 'content-type') ?? '');
  let type = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(ct.value) ? ct.value : defaultType;
  const cd = structuredValue(headerValue(headers, 'content-disposition') ?? '');
  const filename = cd.params.filename ?? ct.params.name ?? null;
  const base = { path, params: ct.params, disposition: cd.value || null, filename, children: [] as MimeNode[], text: null as string | null };

  if (type.startsWith('multipart/')) {
    const boundary = ct.params.boundary;
    const parts = boundary ? splitMultipart(rawBody, boundary) : null;
    if (parts && depth < MAX_DEPTH) {
      const childDefault = type === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
      const children = parts.map((p, i) => {
        const { headers: h, body } = splitHeaders(p);
        return node(`${path}.${i + 1}`, h, body, childDefault, depth + 1);
      });
      return { ...base, type, body: rawBody, sha256: sha(rawBody), children };
    }
    // No usable boundary: what a reader sees is the body as text.
    type = 'text/plain';
  }
  const body = transferDecode(rawBody, headerValue(headers, 'content-transfer-encoding'));
  if ((type === 'message/rfc822' || type === 'message/global') && depth < MAX_DEPTH) {
    const inner = splitHeaders(body);
    return { ...base, type, body, sha256: sha(body), children: [node(`${path}.1`, inner.headers, inner.body, 'text/plain', depth + 1)] };
  }
  let text: string | null = null;
  if (type.startsWith('text/')) {
    text = decodeCharset(body, ct.params.charset);
    if ((ct.params.format ?? '').toLowerCase() === 'flowed') text = unflow(text, (ct.params.delsp ?? '').toLowerCase() === 'yes');
  }
  return { ...base, type, body, sha256: sha(body), text };
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Reads a whole message (a leading mbox "From " line is skipped). */
export function walkMessage(raw: Buffer): MimeNode {
  let bytes = raw;
  const mbox = /^From [^\r\n]*\r?\n/.exec(raw.subarray(0, 1000).toString('latin1'));
  if (mbox) bytes = raw.subarray(mbox[0].length);
  const { headers, body } = splitHeaders(bytes);
  return node('1', headers, body, 'text/plain', 0);
}

/** Every leaf of the tree with its ancestors. */
export function leaves(root: MimeNode): MimeLeaf[] {
  const out: MimeLeaf[] = [];
  const visit = (n: MimeNode, above: MimeNode[]): void => {
    if (n.children.length === 0) out.push({ ...n, ancestors: above });
    for (const c of n.children) visit(c, [...above, n]);
  };
  visit(root, []);
  return out;
}

/** The top-level header fields of a raw message (after an mbox "From " line, if any). */
export function topHeaders(raw: Buffer): Header[] {
  const mbox = /^From [^\r\n]*\r?\n/.exec(raw.subarray(0, 1000).toString('latin1'));
  return splitHeaders(mbox ? raw.subarray(mbox[0].length) : raw).headers;
}
