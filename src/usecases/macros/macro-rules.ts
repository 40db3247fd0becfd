import type { LocalizedText } from '../../domain/automation/actions.js';
import { DomainError, type ErrorDetail } from '../../domain/errors.js';
import { macroProblems, MACRO_LANGUAGES, type MacroAction } from '../../domain/macros.js';
import { roleAtLeast } from '../../domain/permissions.js';
import type { AgentPrincipal, AgentRole } from '../../domain/principal.js';
import { findAgent } from '../../store/agents.js';
import type { Sql } from '../../store/db.js';
import { teamExists } from '../../store/lookups.js';
import { findMacro, findMacroByName, type MacroListRow } from '../../store/macros.js';

/**
 * Who manages shared macros: support managers and administrators (the team's canned replies are the managers'
 * to curate). Personal macros belong to their owner alone.
 */
export const SHARED_MACRO_ROLE: AgentRole = 'manager';

export const maySeeMacro = (p: AgentPrincipal, m: Pick<MacroListRow, 'shared' | 'owner_id'>): boolean => m.shared || m.owner_id === p.id;

export const mayEditMacro = (p: AgentPrincipal, m: Pick<MacroListRow, 'shared' | 'owner_id'>): boolean =>
  m.shared ? roleAtLeast(p.role, SHARED_MACRO_ROLE) : m.owner_id === p.id;

/** A macro the agent may use; someone else's personal macro answers MACRO_NOT_FOUND, like a missing one. */
export async function loadVisibleMacro(sql: Sql, p: AgentPrincipal, id: string, forUpdate = false): Promise<MacroListRow> {
  const m = await findMacro(sql, id, forUpdate);
  if (!m || !maySeeMacro(p, m)) throw new DomainError('MACRO_NOT_FOUND', 'No such macro.');
  return m;
}

export function assertMayShare(p: AgentPrincipal): void {
  if (!roleAtLeast(p.role, SHARED_MACRO_ROLE)) {
    throw new DomainError('FORBIDDEN', 'Only support managers and administrators manage shared macros.');
  }
}

/** Keeps the languages that have text; an emptied language is gone (the other one is then used for everyone). */
export function cleanBody(body: LocalizedText): LocalizedText {
  const out: LocalizedText = {};
  for (const lang of MACRO_LANGUAGES) if (body[lang]?.trim()) out[lang] = body[lang];
  return out;
}

/**
 * Checks a macro before it is saved: templates (INVALID_TEMPLATE, details per language), its changes and what
 * they point at (VALIDATION_FAILED), and its name within its scope (CONFLICT).
 */
export async function checkMacro(
  sql: Sql,
  m: { id: string | null; name: string; body: LocalizedText; actions: readonly MacroAction[]; shared: boolean; ownerId: string | null },
): Promise<void> {
  const problems: ErrorDetail[] = macroProblems(m.body, m.actions);
  for (const [i, a] of m.actions.entries()) {
    if (a.type === 'set_team' && !(await teamExists(sql, a.team_id))) {
      problems.push({ path: `actions.${i}.team_id`, message: 'unknown team' });
    }
    if (a.type === 'set_assignee' && a.agent_id) {
      const agent = await findAgent(sql, a.agent_id);
      if (!agent?.active) problems.push({ path: `actions.${i}.agent_id`, message: 'unknown or inactive agent' });
    }
  }
  if (problems.some((p) => p.path?.startsWith('body.'))) {
    throw new DomainError('INVALID_TEMPLATE', 'The reply text is not a valid template: only plain {{variables}} from the list.', problems);
  }
  if (problems.length) throw new DomainError('VALIDATION_FAILED', 'The macro is not valid.', problems);
  const same = await findMacroByName(sql, m.name, m.shared ? { shared: true } : { ownerId: m.ownerId ?? '' });
  if (same && same.id !== m.id) {
    throw new DomainError('CONFLICT', 'A macro with this name already exists.', [{ path: 'name', message: 'already used' }]);
  }
}
