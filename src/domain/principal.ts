/** Who is calling: an agent (with a role) or a requester, authenticated by session cookie or API token. */
export const AGENT_ROLES = ['agent', 'manager', 'admin'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

/**
 * Scopes an API token can carry. A token acts as the agent who owns it, narrowed to its scopes;
 * a session carries every scope its role allows.
 */
export const TOKEN_SCOPES = [
  'tickets:read',
  'tickets:write',
  'directory:read',
  'directory:write',
  'admin',
  'inbound:email',
] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export interface AgentPrincipal {
  kind: 'agent';
  id: string;
  role: AgentRole;
  teamIds: readonly string[];
  /** null for a session: every scope the role allows. */
  scopes: readonly TokenScope[] | null;
  via: 'session' | 'token';
}

export interface RequesterPrincipal {
  kind: 'requester';
  id: string;
  organizationId: string | null;
  /** Whether the requester's organization lets its members see each other's tickets. */
  seesOrganizationTickets: boolean;
  via: 'session';
}

export type Principal = AgentPrincipal | RequesterPrincipal;

export const isAgent = (p: Principal): p is AgentPrincipal => p.kind === 'agent';
