import type { z } from 'zod';
import type { RoutingConditions } from '../../domain/routing/rules.js';
import type { StoredRoutingRule } from '../../store/routing-rules.js';
import type { RoutingTestResult } from '../../usecases/routing-rules/test-routing-rules.js';
import type { RoutingRuleJson, RoutingTestJson } from '../schemas/routing-rules.js';

/** Every condition list is present (empty: matches every ticket), so clients need not tell absent from empty. */
const conditionsJson = (c: RoutingConditions): z.infer<typeof RoutingRuleJson>['conditions'] => ({
  channels: c.channels ?? [], category_ids: c.category_ids ?? [], organization_ids: c.organization_ids ?? [],
  keywords: c.keywords ?? [], brands: c.brands ?? [], priorities: c.priorities ?? [],
});

export function presentRoutingRule(r: StoredRoutingRule): z.infer<typeof RoutingRuleJson> {
  return {
    id: r.id, name: r.name, description: r.description, position: r.position, active: r.active,
    conditions: conditionsJson(r.conditions), outcome: r.outcome,
    created_at: r.createdAt.toISOString(), updated_at: r.updatedAt.toISOString(),
  };
}

export function presentRoutingTest(t: RoutingTestResult): z.infer<typeof RoutingTestJson> {
  const ref = (r: StoredRoutingRule) => ({ id: r.id, name: r.name, position: r.position });
  const decided = t.match ? t.rules.find((x) => x.rule.id === t.match!.rule.id)?.rule ?? null : null;
  return {
    rule: decided ? ref(decided) : null,
    matched: t.match?.matched ?? [],
    reason: t.match?.reason ?? 'No active routing rule matches this ticket: it goes to the L1 service desk.',
    outcome: t.match?.rule.outcome ?? null,
    rules: t.rules.map((x) => ({ ...ref(x.rule), active: x.rule.active, matches: x.matches })),
  };
}
