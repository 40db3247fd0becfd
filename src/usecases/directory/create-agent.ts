import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { AgentRole, Principal } from '../../domain/principal.js';
import type { SkillRef } from '../../domain/skills.js';
import { checkSkillRefs } from '../skills/check-skills.js';
import type { Tier } from '../../domain/ticket.js';
import { hashPassword, passwordProblem } from '../../security/passwords.js';
import { findAgentByEmail, insertAgent, type AgentRow } from '../../store/agents.js';
import { insertAudit } from '../../store/audit.js';
import { teamExists } from '../../store/lookups.js';
import type { Deps } from '../deps.js';
import { normalizeTimeZone } from './rules.js';

export interface CreateAgentInput {
  name: string;
  email: string;
  password?: string;
  /** For internal callers only (demo data, imports): an already computed hash, used instead of `password`. */
  passwordHash?: string;
  role: AgentRole;
  tier?: Tier;
  language?: 'fr' | 'en';
  timeZone?: string;
  teamIds?: string[];
  skills?: SkillRef[];
}

/**
 * Creates an agent account. Only admins may, except the `relais create-admin` command (`by` = 'cli'), which
 * bootstraps the first administrator.
 */
export async function createAgent(deps: Deps, by: Principal | 'cli', input: CreateAgentInput): Promise<AgentRow> {
  if (by !== 'cli') requireAgent(by, 'admin', 'admin');
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw new DomainError('VALIDATION_FAILED', `The password ${problem}.`, [{ path: 'password', message: problem }]);
  }
  const timeZone = normalizeTimeZone(input.timeZone ?? 'Europe/Paris');
  const passwordHash = input.passwordHash ?? (input.password === undefined ? null : await hashPassword(input.password));
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    if (await findAgentByEmail(sql, input.email)) {
      throw new DomainError('EMAIL_TAKEN', 'An agent with this email address already exists.', [
        { path: 'email', message: 'already used' },
      ]);
    }
    for (const teamId of input.teamIds ?? []) {
      if (!(await teamExists(sql, teamId))) {
        throw new DomainError('TEAM_NOT_FOUND', 'No such team.', [{ path: 'team_ids', message: `unknown team ${teamId}` }]);
      }
    }
    const agent = await insertAgent(sql, {
      id: deps.newId(),
      name: input.name,
      email: input.email,
      passwordHash,
      role: input.role,
      tier: input.tier ?? 'L1',
      language: input.language ?? 'fr',
      timeZone,
      teamIds: [...new Set(input.teamIds ?? [])],
      skills: await checkSkillRefs(sql, input.skills ?? [], 'skills'),
      createdAt: now,
    });
    await insertAudit(sql, {
      id: deps.newId(),
      at: now,
      actorKind: by === 'cli' ? 'system' : by.kind,
      actorId: by === 'cli' ? null : by.id,
      action: 'agent.created',
      targetKind: 'agent',
      targetId: agent.id,
      data: { role: agent.role, via: by === 'cli' ? 'cli' : 'api' },
    });
    return agent;
  });
}
