import { DomainError, type ErrorDetail } from '../../domain/errors.js';
import { requireAgent, roleAtLeast } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { completeWorkingHours, validateWorkingHours, type WorkingHours } from '../../domain/routing/availability.js';
import type { AgentStatus } from '../../domain/routing/ranking.js';
import { lockAgent, updateAgentAvailability, type AvailabilityPatch } from '../../store/agent-availability.js';
import { findAgent, type AgentRow } from '../../store/agents.js';
import { insertAudit } from '../../store/audit.js';
import type { Sql } from '../../store/db.js';
import type { Deps } from '../deps.js';
import { onAvailabilityChanged } from '../routing/availability-changed.js';
import { dispatchWaiting } from '../routing/dispatch-waiting.js';

export interface OutOfOfficeInput {
  from: Date | null;
  until: Date | null;
  delegateId: string | null;
}

export interface UpdateAvailabilityInput {
  status?: AgentStatus;
  /** Weekly schedule keyed '1' (Monday) … '7', checked here; null: no personal hours. */
  workingHours?: Partial<Record<string, Array<{ start: string; end: string }>>> | null;
  /** Managers and administrators only; null: no limit. */
  capacity?: number | null;
  /** null: back in the office. */
  outOfOffice?: OutOfOfficeInput | null;
}

const fail = (message: string, details: ErrorDetail[]): never => {
  throw new DomainError('VALIDATION_FAILED', message, details);
};

/** Checks what needs no database and returns the store patch. */
function patchOf(input: UpdateAvailabilityInput, agentId: string): AvailabilityPatch {
  const hours = input.workingHours;
  if (hours) {
    const problems = validateWorkingHours(hours);
    if (problems.length) {
      fail(`The working hours are not valid: ${problems[0]!.message}`, problems.map((p) => ({
        path: p.path ? `working_hours.${p.path}` : 'working_hours', message: p.message,
      })));
    }
  }
  const workingHours: WorkingHours | null | undefined = hours ? completeWorkingHours(hours) : hours;
  const ooo = input.outOfOffice;
  // Both bounds open would read as "not away" once stored: clearing is null, an absence needs a bound.
  if (ooo && ooo.from === null && ooo.until === null) {
    fail('Give the start, the end or both of the out-of-office period (null clears it).', [
      { path: 'out_of_office.from', message: 'from or until is required' },
    ]);
  }
  if (ooo?.from && ooo.until && ooo.until.getTime() <= ooo.from.getTime()) {
    fail('The out-of-office period must end after it starts.', [{ path: 'out_of_office.until', message: 'must be after from' }]);
  }
  if (ooo?.delegateId === agentId) {
    fail('Choose a colleague as delegate, not the agent who is away.', [
      { path: 'out_of_office.delegate_id', message: 'cannot be the agent themself' },
    ]);
  }
  return { status: input.status, workingHours, capacity: input.capacity, outOfOffice: ooo };
}

async function checkDelegate(sql: Sql, delegateId: string): Promise<void> {
  const delegate = await findAgent(sql, delegateId);
  if (!delegate) {
    throw new DomainError('AGENT_NOT_FOUND', 'No such agent to delegate to.', [
      { path: 'out_of_office.delegate_id', message: `unknown agent ${delegateId}` },
    ]);
  }
  if (!delegate.active) {
    fail(`${delegate.name} is deactivated and cannot be the delegate.`, [
      { path: 'out_of_office.delegate_id', message: 'the delegate must be an active agent' },
    ]);
  }
}

/** The availability fields as the audit log shows them. */
function snapshot(a: AgentRow): Record<string, unknown> {
  return {
    status: a.availability, working_hours: a.working_hours, capacity: a.capacity,
    ooo_from: a.ooo_from?.toISOString() ?? null, ooo_until: a.ooo_until?.toISOString() ?? null, ooo_delegate_id: a.ooo_delegate_id,
  };
}

function changedFields(before: AgentRow, after: AgentRow): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const b = snapshot(before);
  const a = snapshot(after);
  const keys = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  if (keys.length === 0) return null;
  return { before: Object.fromEntries(keys.map((k) => [k, b[k]])), after: Object.fromEntries(keys.map((k) => [k, a[k]])) };
}

/**
 * Changes an agent's availability. Agents set their own status, working hours and out of office (with a
 * delegate); managers and administrators set all of that for anyone, and capacity. When the change makes the
 * agent unavailable, routing hands their untouched tickets on (same transaction); teams that may now assign
 * waiting tickets are dispatched after commit.
 */
export async function updateAvailability(
  deps: Deps,
  p: Principal,
  id: string,
  input: UpdateAvailabilityInput,
  ctx: { ip: string | null } = { ip: null },
): Promise<AgentRow> {
  const caller = requireAgent(p, 'agent', 'directory:write');
  if (!roleAtLeast(caller.role, 'manager')) {
    if (caller.id !== id) throw new DomainError('FORBIDDEN', "Only a manager or an administrator can change another agent's availability.");
    if (input.capacity !== undefined) throw new DomainError('FORBIDDEN', 'Only a manager or an administrator can set a capacity.');
  }
  const patch = patchOf(input, id);
  const now = deps.clock.now();
  const teamIds = await deps.db.tx(async (sql) => {
    if (!(await lockAgent(sql, id))) throw new DomainError('AGENT_NOT_FOUND', 'No such agent.');
    const before = (await findAgent(sql, id))!;
    if (patch.outOfOffice?.delegateId) await checkDelegate(sql, patch.outOfOffice.delegateId);
    await updateAgentAvailability(sql, id, patch, now);
    const after = (await findAgent(sql, id))!;
    const changed = changedFields(before, after);
    if (!changed) return [];
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: caller.id, action: 'agent.availability_changed',
      targetKind: 'agent', targetId: id, ip: ctx.ip, data: changed,
    });
    return onAvailabilityChanged(sql, deps, before, after);
  });
  if (teamIds.length > 0) {
    try {
      await dispatchWaiting(deps, teamIds);
    } catch {
      // The change is committed; waiting tickets are tried again by the routing sweep, so a failed dispatch
      // must not turn the answer into an error.
    }
  }
  // Read again: redistribution and dispatch may have changed the agent's open tickets.
  return (await findAgent(deps.db, id))!;
}
