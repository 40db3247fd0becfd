import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIORITY_MATRIX, type PriorityMatrix } from './priority.js';
import { planTicketChanges, type ChangeContext } from './ticket-changes.js';
import type { Ticket } from './ticket.js';

const t0 = new Date('2026-03-02T09:00:00Z');
const now = new Date('2026-03-02T10:00:00Z');
const TEAM_A = 'team-a';
const TEAM_B = 'team-b';

const ticket = (over: Partial<Ticket> = {}): Ticket => ({
  id: 't1', number: 1042, type: 'incident', subject: 'Imprimante bloquée', description: 'Bourrage papier',
  status: 'open', urgency: 2, impact: 2, priority: 'P3', categoryId: null, tags: ['printing'], channel: 'phone',
  requesterId: 'r1', organizationId: null, teamId: TEAM_A, assigneeId: 'alice', tier: 'L1', equipmentBrand: 'HP',
  equipmentModel: null, mergedIntoId: null, createdAt: t0, updatedAt: t0, firstResponseAt: null, resolvedAt: null,
  closedAt: null, ...over,
});

const members: Record<string, string[]> = { alice: [TEAM_A], bob: [TEAM_B], carol: [TEAM_A, TEAM_B] };
const ctx = (over: Partial<ChangeContext> = {}): ChangeContext => ({
  actor: { kind: 'agent', id: 'alice' }, now, reason: null, matrix: DEFAULT_PRIORITY_MATRIX,
  teamsOf: (id) => members[id] ?? [], ...over,
});

describe('planTicketChanges', () => {
  it('plans nothing for a request that changes nothing', () => {
    const plan = planTicketChanges(ticket(), { subject: 'Imprimante bloquée', tags: ['Printing '], status: 'open', urgency: 2, assigneeId: 'alice' }, ctx());
    expect(plan).toEqual({ patch: {}, entries: [] });
  });

  it('recomputes the priority from the matrix and explains it', () => {
    const plan = planTicketChanges(ticket(), { urgency: 1 }, ctx({ reason: 'whole floor down' }));
    expect(plan.patch).toEqual({ urgency: 1, priority: 'P2', updatedAt: now });
    const prio = plan.entries.find((e) => e.kind === 'ticket.priority_changed');
    expect(prio).toMatchObject({ data: { from: 'P3', to: 'P2', urgency: 1, impact: 2 }, reason: 'urgency 1 × impact 2 → P2 — whole floor down' });
    const fields = plan.entries.find((e) => e.kind === 'ticket.fields_changed');
    expect(fields?.data).toEqual({ changes: [{ field: 'urgency', from: 2, to: 1 }] });
  });

  it('keeps the priority when urgency and impact do not move, even if the matrix changed since', () => {
    const matrix: PriorityMatrix = [['P1', 'P1', 'P1'], ['P1', 'P1', 'P1'], ['P1', 'P1', 'P1']];
    const plan = planTicketChanges(ticket(), { tags: ['vpn'] }, ctx({ matrix }));
    expect(plan.patch.priority).toBeUndefined();
    expect(plan.entries.map((e) => e.kind)).toEqual(['ticket.fields_changed']);
  });

  it('writes one entry per kind of change, each with the actor and reason', () => {
    const plan = planTicketChanges(
      ticket(),
      { status: 'pending', teamId: TEAM_B, assigneeId: 'bob', tier: 'L2', impact: 1, subject: 'Imprimante HS', categoryId: 'c1', equipmentModel: 'M404' },
      ctx({ reason: 'escalade' }),
    );
    expect(plan.entries.map((e) => e.kind)).toEqual([
      'ticket.status_changed', 'ticket.team_changed', 'ticket.assigned', 'ticket.tier_changed',
      'ticket.priority_changed', 'ticket.fields_changed',
    ]);
    for (const e of plan.entries) expect(e.actor).toEqual({ kind: 'agent', id: 'alice' });
    expect(plan.entries.filter((e) => e.kind !== 'ticket.priority_changed').every((e) => e.reason === 'escalade')).toBe(true);
    expect(plan.entries[0]).toMatchObject({ visibility: 'public', data: { from: 'open', to: 'pending' } });
    expect(plan.entries[1]).toMatchObject({ visibility: 'internal', data: { from: TEAM_A, to: TEAM_B } });
    expect(plan.entries[2]!.data).toEqual({ from: 'alice', to: 'bob' });
    expect(plan.entries[5]!.data).toEqual({
      changes: [
        { field: 'subject', from: 'Imprimante bloquée', to: 'Imprimante HS' },
        { field: 'impact', from: 2, to: 1 },
        { field: 'category_id', from: null, to: 'c1' },
        { field: 'equipment_model', from: null, to: 'M404' },
      ],
    });
    expect(plan.patch).toMatchObject({ status: 'pending', teamId: TEAM_B, assigneeId: 'bob', tier: 'L2', priority: 'P2', updatedAt: now });
  });

  it('stamps resolution and refuses a transition the lifecycle forbids', () => {
    expect(planTicketChanges(ticket(), { status: 'resolved' }, ctx()).patch).toMatchObject({ resolvedAt: now, closedAt: null });
    expect(() => planTicketChanges(ticket(), { status: 'closed' }, ctx())).toThrow(expect.objectContaining({ code: 'TRANSITION_NOT_ALLOWED' }));
    expect(() => planTicketChanges(ticket(), { status: 'new' }, ctx())).toThrow(expect.objectContaining({ code: 'TRANSITION_NOT_ALLOWED' }));
    const reopened = planTicketChanges(ticket({ status: 'resolved', resolvedAt: t0 }), { status: 'open' }, ctx());
    expect(reopened.entries[0]!.data).toEqual({ from: 'resolved', to: 'open', reopened: true });
  });

  it('refuses any change to a closed or merged ticket, even an empty one', () => {
    expect(() => planTicketChanges(ticket({ status: 'closed' }), {}, ctx())).toThrow(expect.objectContaining({ code: 'TICKET_CLOSED' }));
    expect(() => planTicketChanges(ticket({ mergedIntoId: 'x', status: 'closed' }), { subject: 'x' }, ctx())).toThrow(
      expect.objectContaining({ code: 'TICKET_MERGED' }),
    );
  });

  it('keeps assignees inside the ticket team', () => {
    expect(() => planTicketChanges(ticket(), { assigneeId: 'bob' }, ctx())).toThrow(expect.objectContaining({ code: 'INVALID_ASSIGNMENT' }));
    expect(() => planTicketChanges(ticket(), { teamId: TEAM_B, assigneeId: 'alice' }, ctx())).toThrow(
      expect.objectContaining({ code: 'INVALID_ASSIGNMENT' }),
    );
    const moved = planTicketChanges(ticket(), { teamId: TEAM_B }, ctx({ reason: 'réseau' }));
    expect(moved.patch).toMatchObject({ teamId: TEAM_B, assigneeId: null });
    expect(moved.entries[1]).toMatchObject({
      kind: 'ticket.assigned', data: { from: 'alice', to: null },
      reason: 'the assignee is not a member of the new team — réseau',
    });
    const stays = planTicketChanges(ticket({ assigneeId: 'carol' }), { teamId: TEAM_B }, ctx());
    expect(stays.patch.assigneeId).toBeUndefined();
    const untriaged = planTicketChanges(ticket({ teamId: null, assigneeId: null }), { assigneeId: 'bob' }, ctx());
    expect(untriaged.patch.assigneeId).toBe('bob');
    expect(planTicketChanges(ticket(), { assigneeId: null }, ctx()).entries[0]).toMatchObject({ kind: 'ticket.assigned', data: { from: 'alice', to: null } });
  });

  it('records tags normalized, as a list change', () => {
    const plan = planTicketChanges(ticket(), { tags: ['VPN', 'printing', ' vpn'] }, ctx());
    expect(plan.patch.tags).toEqual(['printing', 'vpn']);
    expect(plan.entries[0]!.data).toEqual({ changes: [{ field: 'tags', from: ['printing'], to: ['printing', 'vpn'] }] });
  });
});
