import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../../../../src/realtime/protocol';
import { replyCollision, replyIds } from './collision';
import { CAMILLE_ID, entry, ME_ID } from './test-support';

const camille = { kind: 'agent' as const, id: CAMILLE_ID, name: 'Camille Roux' };
const viewer = (over: Partial<Viewer>): Viewer => ({ agent_id: CAMILLE_ID, name: 'Camille Roux', composing: null, since: '2026-03-02T10:00:00Z', ...over });

describe('replyCollision', () => {
  const before = [entry({ kind: 'ticket.created' }), entry({ kind: 'ticket.replied', actor: camille, body: 'Bonjour' })];

  it('is null when nothing happened since the draft began', () => {
    expect(replyCollision({ meId: ME_ID, baseline: replyIds(before), entries: before, viewers: [] })).toBeNull();
  });

  it('names another agent whose public reply arrived after the draft began', () => {
    const later = [...before, entry({ kind: 'ticket.replied', actor: camille, body: 'Redémarrez' })];
    expect(replyCollision({ meId: ME_ID, baseline: replyIds(before), entries: later, viewers: [] })).toEqual({
      repliedBy: ['Camille Roux'],
      composingBy: [],
    });
  });

  it('ignores my own replies, internal notes, requester replies and changes', () => {
    const later = [
      ...before,
      entry({ kind: 'ticket.replied', actor: { kind: 'agent', id: ME_ID, name: 'Léa Dubois' } }),
      entry({ kind: 'ticket.noted', actor: camille }),
      entry({ kind: 'ticket.replied', actor: { kind: 'requester', id: 'r', name: 'Jean Martin' } }),
      entry({ kind: 'ticket.status_changed', actor: camille, data: { from: 'open', to: 'pending' } }),
    ];
    expect(replyCollision({ meId: ME_ID, baseline: replyIds(before), entries: later, viewers: [] })).toBeNull();
  });

  it('does not compare replies when no draft began', () => {
    const later = [...before, entry({ kind: 'ticket.replied', actor: camille })];
    expect(replyCollision({ meId: ME_ID, baseline: null, entries: later, viewers: [] })).toBeNull();
  });

  it('names another agent writing a reply now, not one writing a note, nor me', () => {
    const viewers = [
      viewer({ composing: 'reply' }),
      viewer({ agent_id: 'x', name: 'Hugo Petit', composing: 'note' }),
      viewer({ agent_id: ME_ID, name: 'Léa Dubois', composing: 'reply' }),
    ];
    expect(replyCollision({ meId: ME_ID, baseline: replyIds(before), entries: before, viewers })).toEqual({
      repliedBy: [],
      composingBy: ['Camille Roux'],
    });
  });

  it('lists each agent once', () => {
    const later = [...before, entry({ kind: 'ticket.replied', actor: camille }), entry({ kind: 'ticket.replied', actor: camille })];
    const viewers = [viewer({ composing: 'reply' }), viewer({ composing: 'reply', since: '2026-03-02T10:05:00Z' })];
    expect(replyCollision({ meId: ME_ID, baseline: replyIds(before), entries: later, viewers })).toEqual({
      repliedBy: ['Camille Roux'],
      composingBy: ['Camille Roux'],
    });
  });
});
