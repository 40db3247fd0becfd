import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import type { RoutingOutcome } from '../../domain/routing/rules.js';
import { insertAudit } from '../../store/audit.js';
import type { Sql } from '../../store/db.js';
import {
  deleteRoutingRule, findRoutingRule, insertRoutingRule, listRoutingRules, reorderRoutingRules, updateRoutingRule,
  type StoredRoutingRule,
} from '../../store/routing-rules.js';
import type { Deps } from '../deps.js';
import { checkRoutingRule, type RoutingRuleInput } from './routing-rule-input.js';

/**
 * Routing rules: agents and managers read them (to understand where tickets go), administrators write them. They
 * decide where new tickets go from then on; tickets already routed stay where they are.
 */
export async function listRules(deps: Deps, p: Principal): Promise<StoredRoutingRule[]> {
  requireAgent(p, 'agent', 'tickets:read');
  return listRoutingRules(deps.db);
}

export async function getRule(deps: Deps, p: Principal, id: string): Promise<StoredRoutingRule> {
  requireAgent(p, 'agent', 'tickets:read');
  const rule = await findRoutingRule(deps.db, id);
  if (!rule) throw new DomainError('ROUTING_RULE_NOT_FOUND', 'No such routing rule.');
  return rule;
}

async function audit(sql: Sql, deps: Deps, actorId: string, action: string, id: string | null, data: Record<string, unknown>) {
  await insertAudit(sql, {
    id: deps.newId(), at: deps.clock.now(), actorKind: 'agent', actorId, action, targetKind: 'routing_rule', targetId: id, data,
  });
}

/** Creates a rule, last in the order unless a position is given (the others move down). */
export async function createRule(deps: Deps, p: Principal, input: RoutingRuleInput & { position?: number }): Promise<StoredRoutingRule> {
  const admin = requireAgent(p, 'admin', 'admin');
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    const checked = await checkRoutingRule(sql, input, null);
    const all = await listRoutingRules(sql);
    const id = deps.newId();
    await insertRoutingRule(sql, { ...checked, id, position: all.length + 1 }, now);
    if (input.position !== undefined) {
      const ids = all.map((x) => x.id);
      ids.splice(Math.max(0, input.position - 1), 0, id);
      await reorderRoutingRules(sql, ids, now);
    }
    await audit(sql, deps, admin.id, 'routing_rule.created', id, { name: checked.name });
    return (await findRoutingRule(sql, id))!;
  });
}

/** What PATCH changes: conditions are replaced as a whole; outcome fields one by one. */
export type RoutingRulePatch = Partial<Omit<RoutingRuleInput, 'outcome'>> & { outcome?: Partial<RoutingOutcome> };

const defined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export async function updateRule(deps: Deps, p: Principal, id: string, patch: RoutingRulePatch): Promise<StoredRoutingRule> {
  const admin = requireAgent(p, 'admin', 'admin');
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    const current = await findRoutingRule(sql, id, true);
    if (!current) throw new DomainError('ROUTING_RULE_NOT_FOUND', 'No such routing rule.');
    const { outcome, ...rest } = patch;
    const next = { ...current, ...defined(rest), outcome: { ...current.outcome, ...defined(outcome ?? {}) } };
    const checked = await checkRoutingRule(sql, next, id);
    const saved = await updateRoutingRule(sql, { ...checked, id, position: current.position }, now);
    const fields = [...Object.keys(defined(rest)), ...Object.keys(defined(outcome ?? {})).map((k) => `outcome.${k}`)];
    await audit(sql, deps, admin.id, 'routing_rule.updated', id, { name: saved.name, fields });
    return saved;
  });
}

/** Deletes a rule; the ones after it move up. */
export async function deleteRule(deps: Deps, p: Principal, id: string): Promise<void> {
  const admin = requireAgent(p, 'admin', 'admin');
  await deps.db.tx(async (sql) => {
    const current = await findRoutingRule(sql, id, true);
    if (!current) throw new DomainError('ROUTING_RULE_NOT_FOUND', 'No such routing rule.');
    await deleteRoutingRule(sql, id);
    await reorderRoutingRules(sql, [], deps.clock.now());
    await audit(sql, deps, admin.id, 'routing_rule.deleted', id, { name: current.name });
  });
}

/** Sets the order in which rules are tried (every rule id, first tried first). */
export async function reorderRules(deps: Deps, p: Principal, ids: readonly string[]): Promise<StoredRoutingRule[]> {
  const admin = requireAgent(p, 'admin', 'admin');
  return deps.db.tx(async (sql) => {
    const all = await listRoutingRules(sql);
    const known = new Set(all.map((x) => x.id));
    if (ids.length !== all.length || new Set(ids).size !== ids.length || ids.some((x) => !known.has(x))) {
      throw new DomainError('VALIDATION_FAILED', 'Give every routing rule id exactly once, in the new order.', [
        { path: 'ids', message: `expected the ${all.length} routing rule ids` },
      ]);
    }
    await reorderRoutingRules(sql, ids, deps.clock.now());
    await audit(sql, deps, admin.id, 'routing_rule.reordered', ids[0] ?? null, { ids });
    return listRoutingRules(sql);
  });
}
