import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { listVisibleViews, type SavedViewRow } from '../../store/saved-views.js';
import type { Deps } from '../deps.js';

/** The agent's own views, then the views other agents share. */
export async function listViews(deps: Deps, p: Principal): Promise<SavedViewRow[]> {
  const agent = requireAgent(p, 'agent', 'tickets:read');
  return listVisibleViews(deps.db, agent.id);
}
