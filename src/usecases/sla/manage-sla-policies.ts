import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import type { Sql } from '../../store/db.js';
import {
  deleteSlaPolicy, findSlaPolicy, insertSlaPolicy, listSlaPolicies, reorderSlaPolicies, updateSlaPolicy,
  type StoredSlaPolicy,
} from '../../store/sla-policies.js';
import type { Deps } from '../deps.js';
import { checkSlaPolicy, type SlaPolicyInput } from './sla-policy-input.js';

/**
 * SLA policies: managers read them, administrators write them. A ticket keeps the targets it was given (the
 * snapshot on the ticket): editing a policy applies to tickets it is applied to from then on, and to a ticket's
 * targets when its priority or routing changes.
 */
export async function listPolicies(deps: Deps, p: Principal): Promise<StoredSlaPolicy[]> {
  requireAgent(p, 'manager', 'tickets:read');
  return listSlaPolicies(deps.db);
}

export async function getPolicy(deps: Deps, p: Principal, id: string): Promise<StoredSlaPolicy> {
  requireAgent(p, 'manager', 'tickets:read');
  const policy = await findSlaPolicy(deps.db, id);
  if (!policy) throw new DomainError('SLA_POLICY_NOT_FOUND', 'No such SLA policy.');
  return policy;
}

async function audit(sql: Sql, deps: Deps, actorId: string, action: string, id: string, data: Record<string, unknown>) {
  await insertAudit(sql, {
    id: deps.newId(), at: deps.clock.now(), actorKind: 'agent', actorId, action, targetKind: 'sla_policy', targetId: id, data,
  });
}

/** Creates a policy, last in the order unless a position is given (the others move down). */
export async function createPolicy(deps: Deps, p: Principal, input: SlaPolicyInput & { position?: number }): Promise<StoredSlaPolicy> {
  const admin = requireAgent(p, 'admin', 'admin');
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    await checkSlaPolicy(sql, input, null);
    const all = await listSlaPolicies(sql);
    const id = deps.newId();
    await insertSlaPolicy(sql, { ...input, id, position: all.length + 1 }, now);
    if (input.position !== undefined) {
      const ids = all.map((x) => x.id);
      ids.splice(Math.max(0, input.position - 1), 0, id);
      await reorderSlaPolicies(sql, ids, now);
    }
    await audit(sql, deps, admin.id, 'sla_policy.created', id, { name: input.name });
    return (await findSlaPolicy(sql, id))!;
  });
}

export async function updatePolicy(deps: Deps, p: Principal, id: string, patch: Partial<SlaPolicyInput>): Promise<StoredSlaPolicy> {
  const admin = requireAgent(p, 'admin', 'admin');
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    const current = await findSlaPolicy(sql, id, true);
    if (!current) throw new DomainError('SLA_POLICY_NOT_FOUND', 'No such SLA policy.');
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const next = { ...current, ...defined };
    await checkSlaPolicy(sql, next, id);
    const saved = await updateSlaPolicy(sql, next, now);
    await audit(sql, deps, admin.id, 'sla_policy.updated', id, { name: saved.name, fields: Object.keys(defined) });
    return saved;
  });
}

/** Deletes a policy. Tickets that had it keep their snapshot and running clocks; escalations stop acting. */
export async function deletePolicy(deps: Deps, p: Principal, id: string): Promise<void> {
  const admin = requireAgent(p, 'admin', 'admin');
  await deps.db.tx(async (sql) => {
    const current = await findSlaPolicy(sql, id, true);
    if (!current) throw new DomainError('SLA_POLICY_NOT_FOUND', 'No such SLA policy.');
    await deleteSlaPolicy(sql, id);
    await reorderSlaPolicies(sql, [], deps.clock.now());
    await audit(sql, deps, admin.id, 'sla_policy.deleted', id, { name: current.name });
  });
}

/** Sets the order in which policies are tried (every policy id, first rule first). */
export async function reorderPolicies(deps: Deps, p: Principal, ids: readonly string[]): Promise<StoredSlaPolicy[]> {
  const admin = requireAgent(p, 'admin', 'admin');
  return deps.db.tx(async (sql) => {
    const all = await listSlaPolicies(sql);
    const known = new Set(all.map((x) => x.id));
    if (ids.length !== all.length || new Set(ids).size !== ids.length || ids.some((x) => !known.has(x))) {
      throw new DomainError('VALIDATION_FAILED', 'Give every SLA policy id exactly once, in the new order.', [
        { path: 'ids', message: `expected the ${all.length} policy ids` },
      ]);
    }
    await reorderSlaPolicies(sql, ids, deps.clock.now());
    await audit(sql, deps, admin.id, 'sla_policy.reordered', ids[0] ?? '', { ids });
    return listSlaPolicies(sql);
  });
}
