import type { z } from 'zod';
import type { Principal } from '../../domain/principal.js';
import type { MacroListRow } from '../../store/macros.js';
import { mayEditMacro } from '../../usecases/macros/macro-rules.js';
import type { MacroJson } from '../schemas/macros.js';

export function presentMacro(m: MacroListRow, viewer: Principal): z.infer<typeof MacroJson> {
  return {
    id: m.id,
    name: m.name,
    body: { fr: m.body.fr ?? null, en: m.body.en ?? null },
    actions: m.actions,
    shared: m.shared,
    owner: m.owner_id ? { id: m.owner_id, name: m.owner_name ?? '' } : null,
    can_edit: viewer.kind === 'agent' && mayEditMacro(viewer, m),
    created_at: m.created_at.toISOString(),
    updated_at: m.updated_at.toISOString(),
  };
}
