import type { z } from 'zod';
import type { SavedViewRow } from '../../store/saved-views.js';
import type { ViewJson } from '../schemas/views.js';

export function presentView(v: SavedViewRow): z.infer<typeof ViewJson> {
  return {
    id: v.id,
    name: v.name,
    query: v.query,
    shared: v.shared,
    owner_id: v.owner_id,
    created_at: v.created_at.toISOString(),
    updated_at: v.updated_at.toISOString(),
  };
}
