import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { countOwnViews, insertSavedView, lockViewOwner, type SavedViewRow } from '../../store/saved-views.js';
import type { Deps } from '../deps.js';
import { MAX_VIEWS_PER_AGENT } from './view-rules.js';

export interface CreateViewInput {
  name: string;
  /** A GET /tickets query, validated by the caller (the HTTP schema). */
  query: Record<string, string>;
  shared?: boolean;
}

/** Saves a ticket list under a name; shared views appear to every agent (each reads `me`/`mine` as themselves). */
export async function createView(deps: Deps, p: Principal, input: CreateViewInput): Promise<SavedViewRow> {
  const agent = requireAgent(p, 'agent', 'tickets:write');
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    // Serializes one agent's creations, so two concurrent requests cannot both pass the limit.
    await lockViewOwner(sql, agent.id);
    if ((await countOwnViews(sql, agent.id)) >= MAX_VIEWS_PER_AGENT) {
      throw new DomainError('CONFLICT', `You already have ${MAX_VIEWS_PER_AGENT} views; delete one first.`);
    }
    return insertSavedView(sql, {
      id: deps.newId(),
      owner_id: agent.id,
      name: input.name,
      query: input.query,
      shared: input.shared ?? false,
      created_at: now,
      updated_at: now,
    });
  });
}
