import { useCallback, useEffect, useRef } from 'react';
import { useT } from '../shared/i18n/I18nProvider';

/** A random key; crypto.randomUUID only exists on secure origins, so plain HTTP on a LAN falls back. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One Idempotency-Key per thing the user means to send: retrying the same content after a failure reuses the
 * key (the server then answers with what it already did instead of doing it twice); changed content, or a
 * `reset()` after success, gets a fresh one (the server refuses a key reused for a different body).
 */
export function useIdempotencyKey() {
  const last = useRef<{ body: string; key: string } | null>(null);
  const keyFor = useCallback((body: unknown): string => {
    const text = JSON.stringify(body);
    if (last.current?.body !== text) last.current = { body: text, key: newIdempotencyKey() };
    return last.current.key;
  }, []);
  const reset = useCallback(() => {
    last.current = null;
  }, []);
  return { keyFor, reset };
}

let firstPage = true;

/**
 * A page's title and heading. The document title follows the page; after a navigation inside the portal,
 * focus moves to the page's <h1> (tabIndex -1) so keyboard and screen-reader users start at the new content.
 * The first page of a visit keeps the browser's own focus. `ready` delays this until the heading shows real
 * content (a ticket's subject once loaded).
 */
export function usePageHeading(title: string | null, ready = true) {
  const t = useT();
  const ref = useRef<HTMLHeadingElement>(null);
  const focused = useRef(false);
  useEffect(() => {
    if (title) document.title = t('portal.documentTitle', { page: title });
  }, [title, t]);
  useEffect(() => {
    if (!ready || focused.current) return;
    focused.current = true;
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus();
  }, [ready]);
  return ref;
}
