import { requireAgent } from '../../domain/permissions.js';
import type { AgentRole, Principal } from '../../domain/principal.js';
import { searchAgents, type AgentRow } from '../../store/agents.js';
import type { Deps } from '../deps.js';

export interface ListAgentsInput {
  teamId?: string;
  role?: AgentRole;
  /** true (default): active agents; false: deactivated ones; 'all': both. */
  active?: boolean | 'all';
  q?: string;
}

/** The support staff (agents only), by name. */
export async function listAgentsFor(deps: Deps, p: Principal, input: ListAgentsInput): Promise<AgentRow[]> {
  requireAgent(p, 'agent', 'directory:read');
  const active = input.active === 'all' ? undefined : (input.active ?? true);
  return searchAgents(deps.db, { teamId: input.teamId, role: input.role, active, q: input.q });
}
