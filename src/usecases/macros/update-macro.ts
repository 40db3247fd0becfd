import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import { findMacro, updateMacro, type MacroListRow, type MacroPatch } from '../../store/macros.js';
import type { Deps } from '../deps.js';
import type { MacroInput } from './create-macro.js';
import { assertMayShare, checkMacro, cleanBody, loadVisibleMacro, mayEditMacro } from './macro-rules.js';

/**
 * Changes a macro: a personal one by its owner, a shared one by managers and administrators (audited). Sharing
 * a personal macro needs the same right; un-sharing one makes it the caller's own.
 */
export async function updateMacroDefinition(deps: Deps, p: Principal, id: string, input: Partial<MacroInput>): Promise<MacroListRow> {
  const agent = requireAgent(p, 'agent', 'tickets:write');
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    const current = await loadVisibleMacro(sql, agent, id, true);
    if (!mayEditMacro(agent, current)) {
      throw new DomainError('FORBIDDEN', 'Only support managers and administrators change shared macros.');
    }
    const shared = input.shared ?? current.shared;
    if (shared) assertMayShare(agent);
    const next = {
      id,
      name: input.name ?? current.name,
      body: input.body !== undefined ? cleanBody(input.body) : current.body,
      actions: input.actions ?? current.actions,
      shared,
      ownerId: current.shared && !shared ? agent.id : current.owner_id,
    };
    await checkMacro(sql, next);
    const patch: MacroPatch = { name: input.name, body: input.body !== undefined ? next.body : undefined, actions: input.actions, shared: input.shared };
    if (next.ownerId !== current.owner_id) patch.ownerId = next.ownerId;
    await updateMacro(sql, id, patch, now);
    if (current.shared || shared) {
      await insertAudit(sql, {
        id: deps.newId(), at: now, actorKind: 'agent', actorId: agent.id, action: 'macro.updated', targetKind: 'macro', targetId: id,
        data: { name: next.name, changed: Object.keys(input).filter((k) => input[k as keyof MacroInput] !== undefined).sort(), shared },
      });
    }
    return (await findMacro(sql, id))!;
  });
}
