import { DomainError } from '../../domain/errors.js';
import { hasScope, requireAgent, roleAtLeast } from '../../domain/permissions.js';
import type { AgentPrincipal, AgentRole, Principal } from '../../domain/principal.js';
import type { Tier } from '../../domain/ticket.js';
import { hashPassword, verifyPassword } from '../../security/passwords.js';
import {
  deleteAgentSessions, findAgent, lockActiveAdmins, setAgentTeams, updateAgent, type AgentRow,
} from '../../store/agents.js';
import { insertAudit } from '../../store/audit.js';
import { findAgentAuth } from '../../store/auth.js';
import type { Sql } from '../../store/db.js';
import { teamExists } from '../../store/lookups.js';
import type { Deps } from '../deps.js';
import { assertPasswordAcceptable, normalizeTimeZone, type Language } from './rules.js';
import type { SkillRef } from '../../domain/skills.js';
import { checkSkillRefs } from '../skills/check-skills.js';

export interface UpdateAgentInput {
  name?: string;
  language?: Language;
  timeZone?: string;
  password?: string;
  /** Required when agents change their own password, so that an open session alone cannot take the account. */
  currentPassword?: string;
  // Administrators only:
  role?: AgentRole;
  tier?: Tier;
  teamIds?: string[];
  active?: boolean;
  skills?: SkillRef[];
}

/** The caller's session, kept open after they change their own password (every other session ends). */
export interface UpdateAgentContext {
  sessionId: string | null;
  ip: string | null;
}

const ADMIN_FIELDS = ['role', 'tier', 'teamIds', 'active', 'skills'] as const;

/**
 * Edits an agent. Administrators change anything; every agent may change their own name, language, time zone
 * and password. The last active administrator can be neither demoted nor deactivated (LAST_ADMIN).
 */
export async function updateAgentProfile(
  deps: Deps,
  p: Principal,
  id: string,
  input: UpdateAgentInput,
  ctx: UpdateAgentContext,
): Promise<AgentRow> {
  const isAdmin = p.kind === 'agent' && roleAtLeast(p.role, 'admin') && hasScope(p, 'admin');
  const caller = isAdmin ? p : requireAgent(p, 'agent', 'directory:write');
  const self = caller.id === id;
  if (!isAdmin && (!self || ADMIN_FIELDS.some((f) => input[f] !== undefined))) {
    throw new DomainError('FORBIDDEN', 'Only an administrator can change this.');
  }
  const timeZone = input.timeZone === undefined ? undefined : normalizeTimeZone(input.timeZone);
  const passwordHash = input.password === undefined ? undefined : await newPasswordHash(deps, caller, self, input);
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    const touchesAdmins = input.role !== undefined || input.active !== undefined;
    const activeAdmins = touchesAdmins ? await lockActiveAdmins(sql) : [];
    const before = await findAgent(sql, id);
    if (!before) throw new DomainError('AGENT_NOT_FOUND', 'No such agent.');
    const losesAdmin = before.role === 'admin' && before.active &&
      ((input.role !== undefined && input.role !== 'admin') || input.active === false);
    if (losesAdmin && activeAdmins.every((a) => a === id)) {
      throw new DomainError('LAST_ADMIN', 'This is the last active administrator; make another administrator first.');
    }
    for (const teamId of input.teamIds ?? []) {
      if (!(await teamExists(sql, teamId))) {
        throw new DomainError('TEAM_NOT_FOUND', 'No such team.', [{ path: 'team_ids', message: `unknown team ${teamId}` }]);
      }
    }
    await updateAgent(sql, id, {
      name: input.name, role: input.role, tier: input.tier, language: input.language, timeZone,
      active: input.active, passwordHash,
      skills: input.skills === undefined ? undefined : await checkSkillRefs(sql, input.skills, 'skills'),
    }, now);
    if (input.teamIds !== undefined) await setAgentTeams(sql, id, [...new Set(input.teamIds)]);
    const after = (await findAgent(sql, id))!;
    await recordSecurityEvents(sql, deps, { caller, before, after, passwordChanged: passwordHash !== undefined, ctx, now });
    return after;
  });
}

async function newPasswordHash(deps: Deps, caller: AgentPrincipal, self: boolean, input: UpdateAgentInput): Promise<string> {
  assertPasswordAcceptable(input.password!);
  if (self) {
    if (caller.via !== 'session') throw new DomainError('FORBIDDEN', 'Change your password from a signed-in session, not with an API token.');
    const me = await findAgentAuth(deps.db, caller.id);
    if (input.currentPassword === undefined || !(await verifyPassword(input.currentPassword, me?.password_hash ?? null))) {
      throw new DomainError('VALIDATION_FAILED', 'The current password is wrong.', [
        { path: 'current_password', message: 'wrong or missing current password' },
      ]);
    }
  }
  return hashPassword(input.password!);
}

/** Writes the audit trail of the change and ends sessions that must not outlive it. */
async function recordSecurityEvents(
  sql: Sql,
  deps: Deps,
  e: { caller: AgentPrincipal; before: AgentRow; after: AgentRow; passwordChanged: boolean; ctx: UpdateAgentContext; now: Date },
): Promise<void> {
  const { before, after } = e;
  const audit = (action: string, data: Record<string, unknown> = {}) =>
    insertAudit(sql, {
      id: deps.newId(), at: e.now, actorKind: 'agent', actorId: e.caller.id, action, targetKind: 'agent',
      targetId: after.id, ip: e.ctx.ip, data,
    });
  if (before.role !== after.role) await audit('agent.role_changed', { from: before.role, to: after.role });
  if (before.active && !after.active) {
    await deleteAgentSessions(sql, after.id, null);
    await audit('agent.deactivated');
  }
  if (!before.active && after.active) await audit('agent.reactivated');
  if (before.team_ids.join() !== after.team_ids.join()) {
    await audit('agent.teams_changed', { from: before.team_ids, to: after.team_ids });
  }
  if (before.tier !== after.tier) await audit('agent.tier_changed', { from: before.tier, to: after.tier });
  if (e.passwordChanged) {
    const self = e.caller.id === after.id;
    // Whoever knew the old password is signed out everywhere; the person changing their own keeps this session.
    await deleteAgentSessions(sql, after.id, self ? e.ctx.sessionId : null);
    await audit('agent.password_changed', { by: self ? 'self' : 'admin' });
  }
}
