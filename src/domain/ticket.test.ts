import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { canTransition, normalizeTags, parseTicketNumber, TICKET_STATUSES, transitionStatus, type TicketStatus } from './ticket.js';

const now = new Date('2026-03-02T10:00:00Z');
const base = { resolvedAt: null, closedAt: null, mergedIntoId: null };

describe('ticket lifecycle', () => {
  const allowed: Array<[TicketStatus, TicketStatus]> = [
    ['new', 'open'], ['new', 'pending'], ['new', 'on_hold'], ['new', 'resolved'],
    ['open', 'pending'], ['open', 'on_hold'], ['open', 'resolved'],
    ['pending', 'open'], ['pending', 'on_hold'], ['pending', 'resolved'],
    ['on_hold', 'open'], ['on_hold', 'pending'], ['on_hold', 'resolved'],
    ['resolved', 'open'], ['resolved', 'closed'],
  ];
  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(transitionStatus({ ...base, status: from }, to, now).status).toBe(to);
  });

  it('forbids every other move, with the allowed ones in the error', () => {
    const allowedSet = new Set(allowed.map(([a, b]) => `${a}>${b}`));
    let forbidden = 0;
    for (const from of TICKET_STATUSES) {
      for (const to of TICKET_STATUSES) {
        if (allowedSet.has(`${from}>${to}`)) continue;
        forbidden++;
        expect(canTransition(from, to)).toBe(false);
        expect(() => transitionStatus({ ...base, status: from }, to, now)).toThrow(DomainError);
      }
    }
    expect(forbidden).toBe(36 - allowed.length);
    try {
      transitionStatus({ ...base, status: 'new' }, 'closed', now);
    } catch (e) {
      expect((e as DomainError).code).toBe('TRANSITION_NOT_ALLOWED');
      expect((e as DomainError).details).toMatchObject({ from: 'new', to: 'closed' });
    }
  });

  it('treats closed as final, with its own code', () => {
    expect(() => transitionStatus({ ...base, status: 'closed' }, 'open', now)).toThrow(
      expect.objectContaining({ code: 'TICKET_CLOSED' }),
    );
  });

  it('stamps resolution and closure, and clears the resolution on reopen', () => {
    const resolved = transitionStatus({ ...base, status: 'open' }, 'resolved', now);
    expect(resolved.resolvedAt).toEqual(now);
    const later = new Date(now.getTime() + 3600_000);
    const closed = transitionStatus({ ...base, status: 'resolved', resolvedAt: now }, 'closed', later);
    expect(closed).toMatchObject({ closedAt: later, resolvedAt: now });
    const reopened = transitionStatus({ ...base, status: 'resolved', resolvedAt: now }, 'open', later);
    expect(reopened).toMatchObject({ resolvedAt: null, reopened: true });
  });

  it('refuses any change on a merged ticket', () => {
    expect(() => transitionStatus({ ...base, status: 'open', mergedIntoId: 'x' }, 'resolved', now)).toThrow(
      expect.objectContaining({ code: 'TICKET_MERGED' }),
    );
  });
});

describe('ticket helpers', () => {
  it('normalizes tags', () => {
    expect(normalizeTags([' VPN', 'vpn', 'Wi-Fi', ''])).toEqual(['vpn', 'wi-fi']);
  });
  it('parses ticket numbers', () => {
    expect(parseTicketNumber('#1042')).toBe(1042);
    expect(parseTicketNumber('1042')).toBe(1042);
    expect(parseTicketNumber('0190a3c2-0000-7000-8000-000000000000')).toBeNull();
    expect(parseTicketNumber('12a')).toBeNull();
  });
});
