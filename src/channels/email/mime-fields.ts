import libmime from 'libmime';
import type { AddressObject, EmailAddress as ParsedAddress, HeaderLines } from 'mailparser';
import type { EmailAddress } from '../../domain/email/inbound-email.js';

/**
 * Header-level helpers for the e-mail parser: addresses, Message-IDs and the header table. Each one is
 * tolerant: a malformed value gives an empty or partial result, never an exception.
 */

/** Flattens mailparser's address objects (groups included) into lower-cased, de-duplicated addresses. */
export function toAddresses(input: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const out: EmailAddress[] = [];
  const seen = new Set<string>();
  const visit = (entry: ParsedAddress): void => {
    if (entry.group) {
      entry.group.forEach(visit);
      return;
    }
    const address = (entry.address ?? '').trim().toLowerCase();
    if (!address || seen.has(address)) return;
    seen.add(address);
    const name = (entry.name ?? '').trim();
    out.push({ address, name: name === '' ? null : name });
  };
  for (const object of input === undefined ? [] : Array.isArray(input) ? input : [input]) {
    object.value.forEach(visit);
  }
  return out;
}

/**
 * Message-IDs in a header value, without angle brackets, in header order. Bracketed ids are taken when there
 * are any (so comments and stray words are ignored); otherwise whitespace-separated tokens are, since some
 * mailers write bare ids.
 */
export function messageIds(values: string[]): string[] {
  const ids: string[] = [];
  for (const value of values) {
    const bracketed = [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] ?? '');
    const found = bracketed.length > 0 ? bracketed : value.split(/[\s,]+/).filter((t) => t.includes('@'));
    for (const id of found) {
      const clean = id.trim();
      if (clean && !ids.includes(clean)) ids.push(clean);
    }
  }
  return ids;
}

/** Lower-cased header names → unfolded, RFC 2047-decoded values, every occurrence in order. */
export function headerTable(lines: HeaderLines | undefined): Record<string, string[]> {
  const table: Record<string, string[]> = {};
  for (const { key, line } of lines ?? []) {
    const name = key.toLowerCase();
    const colon = line.indexOf(':');
    const raw = (colon >= 0 ? line.slice(colon + 1) : '').replace(/\r?\n[ \t]+/g, ' ').trim();
    (table[name] ??= []).push(decodeWords(raw));
  }
  return table;
}

function decodeWords(value: string): string {
  try {
    return libmime.decodeWords(value);
  } catch {
    return value;
  }
}
