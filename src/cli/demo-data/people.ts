import {
  ENGLISH_FIRST_NAMES,
  ENGLISH_LAST_NAMES,
  FRENCH_FIRST_NAMES,
  FRENCH_LAST_NAMES,
  INDEPENDENT_DOMAIN,
  INDEPENDENT_REQUESTERS,
  ORGANIZATIONS,
} from './directory.js';
import type { Prng } from './prng.js';

export interface PlannedRequester {
  name: string;
  firstName: string;
  email: string;
  phone: string | null;
  /** Organization key, or null for an independent requester. */
  org: string | null;
  language: 'fr' | 'en';
  /** Has a portal password (the demo password). */
  portal: boolean;
}

const ascii = (s: string) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z]+/g, '-');

/**
 * The requesters: each organization's members, then a few independents. In every organization the first
 * member is the IT contact (monitoring alerts name them) and has portal access, like some of the others.
 */
export function planRequesters(rng: Prng): PlannedRequester[] {
  const out: PlannedRequester[] = [];
  const taken = new Set<string>();
  const person = (org: string | null, domain: string, language: 'fr' | 'en', portal: boolean) => {
    for (;;) {
      const first = rng.pick(language === 'en' ? ENGLISH_FIRST_NAMES : FRENCH_FIRST_NAMES);
      const last = rng.pick(language === 'en' ? ENGLISH_LAST_NAMES : FRENCH_LAST_NAMES);
      const email = `${ascii(first)}.${ascii(last)}@${domain}`;
      if (taken.has(email)) continue;
      taken.add(email);
      const phone = rng.chance(0.6)
        ? language === 'en' ? `+44 20 7946 ${String(rng.int(0, 9999)).padStart(4, '0')}` : `+33 4 72 ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)}`
        : null;
      out.push({ name: `${first} ${last}`, firstName: first, email, phone, org, language, portal });
      return;
    }
  };
  for (const o of ORGANIZATIONS) {
    for (let i = 0; i < o.requesters; i++) person(o.key, o.domain, o.language, i === 0 || rng.chance(0.1));
  }
  for (let i = 0; i < INDEPENDENT_REQUESTERS; i++) person(null, INDEPENDENT_DOMAIN, i === 0 ? 'en' : 'fr', rng.chance(0.3));
  return out;
}
