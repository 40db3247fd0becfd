import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { deleteSavedView } from '../../store/saved-views.js';
import type { Deps } from '../deps.js';
import { loadOwnedView } from './view-rules.js';

/** Deletes a view: its owner, or an administrator for a shared view. */
export async function deleteView(deps: Deps, p: Principal, id: string): Promise<void> {
  const agent = requireAgent(p, 'agent', 'tickets:write');
  await deps.db.tx(async (sql) => {
    await loadOwnedView(sql, agent, id);
    await deleteSavedView(sql, id);
  });
}
