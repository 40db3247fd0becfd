import { DomainError } from '../../domain/errors.js';
import type { AgentPrincipal } from '../../domain/principal.js';
import type { Sql } from '../../store/db.js';
import { findSavedView, type SavedViewRow } from '../../store/saved-views.js';

/** Enough for any sidebar, and it bounds the one statement that counts every queue (GET /queues). */
export const MAX_VIEWS_PER_AGENT = 50;

/**
 * Loads a view the agent may change: their own, or (admins) a shared one. A view the agent cannot see (someone
 * else's private view) answers NOT_FOUND, like a missing one; a shared view of someone else, FORBIDDEN.
 */
export async function loadOwnedView(sql: Sql, p: AgentPrincipal, id: string): Promise<SavedViewRow> {
  const view = await findSavedView(sql, id, true);
  if (!view || (view.owner_id !== p.id && !view.shared)) throw new DomainError('NOT_FOUND', 'No such view.');
  if (view.owner_id !== p.id && p.role !== 'admin') {
    throw new DomainError('FORBIDDEN', 'Only its owner (or an administrator) can change a shared view.');
  }
  return view;
}
