import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { findAgent, type AgentRow } from '../../store/agents.js';
import type { Deps } from '../deps.js';

export async function getAgent(deps: Deps, p: Principal, id: string): Promise<AgentRow> {
  requireAgent(p, 'agent', 'directory:read');
  const agent = await findAgent(deps.db, id);
  if (!agent) throw new DomainError('AGENT_NOT_FOUND', 'No such agent.');
  return agent;
}
