import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { listVisibleMacros, type MacroListRow } from '../../store/macros.js';
import type { Deps } from '../deps.js';

/** The shared macros and the caller's own, by name; `search` narrows by name. */
export async function listMacros(deps: Deps, p: Principal, q: { search?: string; limit: number }): Promise<MacroListRow[]> {
  const agent = requireAgent(p, 'agent', 'tickets:read');
  return listVisibleMacros(deps.db, agent.id, { search: q.search?.trim() || undefined, limit: q.limit });
}
