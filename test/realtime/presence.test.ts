/** Presence bookkeeping (pure, time passed in) and the announcements processes exchange. */
import { describe, expect, it } from 'vitest';
import { announcementPayloads, readAnnouncement } from '../../src/realtime/presence-bus.js';
import { PresenceBook } from '../../src/realtime/presence.js';
import type { Viewer } from '../../src/realtime/protocol.js';

const T = '0190a1b2-0000-7000-8000-000000000001';
const A = '0190a1b2-0000-7000-8000-00000000000a';
const B = '0190a1b2-0000-7000-8000-00000000000b';
const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 9, 0, s));
const viewer = (id: string, name: string, s: number, composing: Viewer['composing'] = null): Viewer =>
  ({ agent_id: id, name, composing, since: at(s).toISOString() });

describe('PresenceBook', () => {
  it('merges an agent’s tabs into one viewer: earliest arrival, a reply being written wins', () => {
    const book = new PresenceBook();
    expect(book.setLocal(T, 'tab1', { agentId: A, name: 'Léa', composing: null, since: at(5) })).toBe(true);
    book.setLocal(T, 'tab2', { agentId: A, name: 'Léa', composing: null, since: at(1) });
    expect(book.setComposing(T, 'tab2', 'note')).toBe(true);
    expect(book.setComposing(T, 'tab2', 'note')).toBe(false);
    book.setLocal(T, 'tab3', { agentId: A, name: 'Léa', composing: 'reply', since: at(9) });
    expect(book.viewers(T)).toEqual([viewer(A, 'Léa', 1, 'reply')]);
    book.setLocal(T, 'tab1', null);
    book.setLocal(T, 'tab2', null);
    book.setLocal(T, 'tab3', null);
    expect(book.viewers(T)).toEqual([]);
    expect(book.localTickets()).toEqual([]);
    expect(book.setLocal(T, 'tab1', null)).toBe(false);
  });

  it('adds other processes’ viewers, replaces them on each announcement and expires the silent ones', () => {
    const book = new PresenceBook();
    book.setLocal(T, 'c', { agentId: A, name: 'Léa', composing: null, since: at(2) });
    expect(book.setRemote('p2', T, [viewer(B, 'Marc', 1)], 1000)).toBe(true);
    expect(book.setRemote('p2', T, [viewer(B, 'Marc', 1)], 2000)).toBe(false); // a refresh, nothing new
    expect(book.viewers(T).map((v) => v.name)).toEqual(['Marc', 'Léa']);
    expect(book.localViewers(T).map((v) => v.name)).toEqual(['Léa']);
    expect(book.expire(61_000, 60_000)).toEqual([]);
    expect(book.expire(62_001, 60_000)).toEqual([T]);
    expect(book.viewers(T).map((v) => v.name)).toEqual(['Léa']);
    book.setRemote('p2', T, [viewer(B, 'Marc', 1)], 70_000);
    expect(book.setRemote('p2', T, [], 71_000)).toBe(true);
    expect(book.viewers(T).map((v) => v.name)).toEqual(['Léa']);
  });
});

describe('announcements', () => {
  it('split into payloads that fit a NOTIFY and read back; malformed ones are ignored', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({
      id: `0190a1b2-0000-7000-8000-${String(i).padStart(12, '0')}`,
      viewers: [viewer(A, 'Léa Dubois', i % 60)],
    }));
    const payloads = announcementPayloads('p1', many);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    const back = payloads.flatMap((p) => readAnnouncement(p)!.tickets);
    expect(back).toEqual(many);
    expect(readAnnouncement('{"pid":"p","tickets":[{"id":"x","viewers":[]}]}')).toBeNull();
    expect(readAnnouncement('not json')).toBeNull();
  });
});
