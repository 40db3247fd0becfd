import type { LocalizedText } from '../../domain/automation/actions.js';
import type { MacroAction } from '../../domain/macros.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import { findMacro, insertMacro, type MacroListRow } from '../../store/macros.js';
import type { Deps } from '../deps.js';
import { assertMayShare, checkMacro, cleanBody } from './macro-rules.js';

export interface MacroInput {
  name: string;
  body: LocalizedText;
  actions: MacroAction[];
  shared: boolean;
}

/** Creates a personal macro (any agent) or a shared one (managers, administrators; audited). */
export async function createMacro(deps: Deps, p: Principal, input: MacroInput): Promise<MacroListRow> {
  const agent = requireAgent(p, 'agent', 'tickets:write');
  if (input.shared) assertMayShare(agent);
  const now = deps.clock.now();
  const body = cleanBody(input.body);
  return deps.db.tx(async (sql) => {
    await checkMacro(sql, { id: null, name: input.name, body, actions: input.actions, shared: input.shared, ownerId: agent.id });
    const macro = await insertMacro(sql, {
      id: deps.newId(), name: input.name, body, actions: input.actions, shared: input.shared, owner_id: agent.id,
      created_at: now, updated_at: now,
    });
    if (macro.shared) {
      await insertAudit(sql, {
        id: deps.newId(), at: now, actorKind: 'agent', actorId: agent.id, action: 'macro.created',
        targetKind: 'macro', targetId: macro.id, data: { name: macro.name },
      });
    }
    return (await findMacro(sql, macro.id))!;
  });
}
