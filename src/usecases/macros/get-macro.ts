import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import type { MacroListRow } from '../../store/macros.js';
import type { Deps } from '../deps.js';
import { loadVisibleMacro } from './macro-rules.js';

/** One macro: shared, or the caller's own. */
export async function getMacro(deps: Deps, p: Principal, id: string): Promise<MacroListRow> {
  const agent = requireAgent(p, 'agent', 'tickets:read');
  return deps.db.tx((sql) => loadVisibleMacro(sql, agent, id));
}
