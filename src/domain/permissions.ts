import { DomainError } from './errors.js';
import type { AgentPrincipal, AgentRole, Principal, TokenScope } from './principal.js';
import type { Ticket } from './ticket.js';

const ROLE_RANK: Record<AgentRole, number> = { agent: 1, manager: 2, admin: 3 };

export const roleAtLeast = (role: AgentRole, min: AgentRole): boolean => ROLE_RANK[role] >= ROLE_RANK[min];

/**
 * Which tickets a principal may see, as data the store turns into a WHERE clause.
 * - requester: their own tickets, plus their organization's when the organization allows it;
 * - agent: tickets of their teams, tickets assigned to them, and tickets not yet routed to a team (triage);
 * - manager and admin: every ticket.
 */
export type TicketScope =
  | { kind: 'all' }
  | { kind: 'agent'; agentId: string; teamIds: readonly string[] }
  | { kind: 'requester'; requesterId: string; organizationId: string | null };

export function ticketScopeFor(p: Principal): TicketScope {
  if (p.kind === 'requester') {
    return {
      kind: 'requester',
      requesterId: p.id,
      organizationId: p.seesOrganizationTickets ? p.organizationId : null,
    };
  }
  if (roleAtLeast(p.role, 'manager')) return { kind: 'all' };
  return { kind: 'agent', agentId: p.id, teamIds: p.teamIds };
}

/** Same rule as `ticketScopeFor`, for one ticket already loaded. */
export function canSeeTicket(
  p: Principal,
  t: Pick<Ticket, 'requesterId' | 'organizationId' | 'teamId' | 'assigneeId'>,
): boolean {
  const scope = ticketScopeFor(p);
  switch (scope.kind) {
    case 'all':
      return true;
    case 'agent':
      return t.teamId === null || t.assigneeId === scope.agentId || scope.teamIds.includes(t.teamId);
    case 'requester':
      return (
        t.requesterId === scope.requesterId ||
        (scope.organizationId !== null && t.organizationId === scope.organizationId)
      );
  }
}

/** Scopes each role grants through a session. Requesters get none: their routes check `kind`. */
const ROLE_SCOPES: Record<AgentRole, readonly TokenScope[]> = {
  agent: ['tickets:read', 'tickets:write', 'directory:read', 'directory:write'],
  manager: ['tickets:read', 'tickets:write', 'directory:read', 'directory:write'],
  admin: ['tickets:read', 'tickets:write', 'directory:read', 'directory:write', 'admin', 'inbound:email'],
};

/** An agent's effective scopes: a token's scopes never exceed what the owner's role grants. */
export function hasScope(p: AgentPrincipal, scope: TokenScope): boolean {
  if (!ROLE_SCOPES[p.role].includes(scope)) return false;
  return p.scopes === null || p.scopes.includes(scope);
}

/** Requires an agent of at least `minRole` holding `scope`; otherwise FORBIDDEN. */
export function requireAgent(p: Principal, minRole: AgentRole, scope: TokenScope): AgentPrincipal {
  if (p.kind !== 'agent' || !roleAtLeast(p.role, minRole) || !hasScope(p, scope)) {
    throw new DomainError('FORBIDDEN', 'You are not allowed to do this.');
  }
  return p;
}
