import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import type { Priority } from '../../domain/priority.js';
import { matchRoutingRule, type RoutingFacts, type RoutingMatch } from '../../domain/routing/rules.js';
import type { Channel } from '../../domain/ticket.js';
import { findCategory } from '../../store/categories.js';
import { listRoutingRules, type StoredRoutingRule } from '../../store/routing-rules.js';
import type { Deps } from '../deps.js';

export interface RoutingTestInput {
  subject: string;
  description: string;
  channel: Channel;
  categoryId: string | null;
  organizationId: string | null;
  equipmentBrand: string | null;
  priority: Priority;
}

export interface RoutingTestResult {
  /** The rule that decides, with what matched; null when none does. */
  match: RoutingMatch | null;
  /** Every rule in order, and whether its conditions alone hold for this ticket (an inactive rule is never used). */
  rules: Array<{ rule: StoredRoutingRule; matches: boolean }>;
}

/**
 * Tries the routing rules on a ticket that does not exist (agents and administrators, to understand or tune the
 * rules): the rule that would decide and why, and which other rules would have matched on their own. Nothing is
 * written.
 */
export async function testRoutingRules(deps: Deps, p: Principal, input: RoutingTestInput): Promise<RoutingTestResult> {
  requireAgent(p, 'agent', 'tickets:read');
  let categoryPath: string | null = null;
  if (input.categoryId) {
    const category = await findCategory(deps.db, input.categoryId);
    if (!category) throw new DomainError('CATEGORY_NOT_FOUND', 'No such category.', [{ path: 'category_id', message: 'unknown category' }]);
    categoryPath = category.path;
  }
  const facts: RoutingFacts = {
    channel: input.channel, categoryPath, organizationId: input.organizationId, subject: input.subject,
    description: input.description, equipmentBrand: input.equipmentBrand, priority: input.priority,
  };
  const all = await listRoutingRules(deps.db);
  return {
    match: matchRoutingRule(all, facts),
    rules: all.map((rule) => ({ rule, matches: matchRoutingRule([{ ...rule, active: true }], facts) !== null })),
  };
}
