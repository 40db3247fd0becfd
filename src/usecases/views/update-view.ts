import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { updateSavedView, type SavedViewPatch, type SavedViewRow } from '../../store/saved-views.js';
import type { Deps } from '../deps.js';
import { loadOwnedView } from './view-rules.js';

/** Renames a view, changes its query or its sharing: its owner, or an administrator for a shared view. */
export async function updateView(deps: Deps, p: Principal, id: string, patch: SavedViewPatch): Promise<SavedViewRow> {
  const agent = requireAgent(p, 'agent', 'tickets:write');
  return deps.db.tx(async (sql) => {
    await loadOwnedView(sql, agent, id);
    return updateSavedView(sql, id, patch, deps.clock.now());
  });
}
