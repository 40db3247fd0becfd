import { describe, expect, it } from 'vitest';
import { canSeeTicket, hasScope, requireAgent, ticketScopeFor } from './permissions.js';
import type { AgentPrincipal, RequesterPrincipal } from './principal.js';

const agent = (role: AgentPrincipal['role'], teamIds: string[] = ['team-a'], scopes: AgentPrincipal['scopes'] = null): AgentPrincipal => ({
  kind: 'agent', id: `agent-${role}`, role, teamIds, scopes, via: scopes ? 'token' : 'session',
});
const requester = (id: string, org: string | null, shares: boolean): RequesterPrincipal => ({
  kind: 'requester', id, organizationId: org, seesOrganizationTickets: shares, via: 'session',
});
const ticket = (over: Partial<{ requesterId: string; organizationId: string | null; teamId: string | null; assigneeId: string | null }> = {}) => ({
  requesterId: 'req-1', organizationId: 'org-1', teamId: 'team-a', assigneeId: null, ...over,
});

describe('ticket visibility', () => {
  it('lets an agent see their teams’ tickets, their own assignments and unrouted tickets only', () => {
    const a = agent('agent');
    expect(canSeeTicket(a, ticket())).toBe(true);
    expect(canSeeTicket(a, ticket({ teamId: null }))).toBe(true);
    expect(canSeeTicket(a, ticket({ teamId: 'team-b' }))).toBe(false);
    expect(canSeeTicket(a, ticket({ teamId: 'team-b', assigneeId: a.id }))).toBe(true);
  });

  it('lets managers and admins see everything', () => {
    expect(canSeeTicket(agent('manager', []), ticket({ teamId: 'team-z' }))).toBe(true);
    expect(canSeeTicket(agent('admin', []), ticket({ teamId: 'team-z' }))).toBe(true);
    expect(ticketScopeFor(agent('manager'))).toEqual({ kind: 'all' });
  });

  it('lets a requester see their own tickets, and their organization’s only when it shares', () => {
    expect(canSeeTicket(requester('req-1', 'org-1', false), ticket())).toBe(true);
    expect(canSeeTicket(requester('req-2', 'org-1', false), ticket())).toBe(false);
    expect(canSeeTicket(requester('req-2', 'org-1', true), ticket())).toBe(true);
    expect(canSeeTicket(requester('req-3', 'org-2', true), ticket())).toBe(false);
    expect(canSeeTicket(requester('req-4', null, true), ticket({ organizationId: null }))).toBe(false);
  });
});

describe('scopes', () => {
  it('never lets a token exceed its owner’s role', () => {
    expect(hasScope(agent('agent', [], ['admin']), 'admin')).toBe(false);
    expect(hasScope(agent('admin', [], ['tickets:read']), 'tickets:write')).toBe(false);
    expect(hasScope(agent('admin', [], ['tickets:read']), 'tickets:read')).toBe(true);
    expect(hasScope(agent('admin'), 'admin')).toBe(true);
  });

  it('refuses requesters and too-low roles with FORBIDDEN', () => {
    expect(() => requireAgent(requester('r', null, false), 'agent', 'tickets:read')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => requireAgent(agent('manager'), 'admin', 'admin')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(requireAgent(agent('admin'), 'admin', 'admin').role).toBe('admin');
  });
});
