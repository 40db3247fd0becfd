import type { TicketAction } from '../../domain/automation/actions.js';
import type { AutomationEvent, Condition, RuleConditions } from '../../domain/automation/conditions.js';
import { ruleReferences, validateRule, type AutomationKind, type AutomationRule, type RuleTiming } from '../../domain/automation/rule.js';
import { DomainError, type ErrorDetail } from '../../domain/errors.js';
import { validateTemplate } from '../../domain/templates.js';
import { normalizeTags } from '../../domain/ticket.js';
import { findAutomationByName, findReferenceNames, type AutomationFields } from '../../store/automations.js';
import type { Sql } from '../../store/db.js';

/** An automation as the API receives it; rule parts are untrusted JSON, checked by the domain. */
export interface AutomationInput {
  name: string;
  kind: AutomationKind;
  active: boolean;
  events: unknown;
  conditions: unknown;
  timing: unknown;
  actions: unknown;
}

const invalid = (details: ErrorDetail[]) =>
  new DomainError('INVALID_AUTOMATION', `The automation is not valid: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}.`, details);

/** Tags compared and stored the way tickets store them (lower case, trimmed). */
function tidyCondition(c: Condition): Condition {
  if (c.field !== 'tags' || (c.op !== 'includes' && c.op !== 'not_includes')) return c;
  const tags = normalizeTags(Array.isArray(c.value) ? c.value.map(String) : [String(c.value)]);
  return { ...c, value: tags.length === 1 ? tags[0] : tags };
}

function tidyAction(a: TicketAction): TicketAction {
  return a.type === 'add_tags' || a.type === 'remove_tags' ? { ...a, tags: normalizeTags(a.tags) } : a;
}

/**
 * Checks a complete rule (after a patch is applied): the domain's checks with templates, then that every id it
 * names exists, and that the name is free. Every problem is reported at once, as INVALID_AUTOMATION details.
 */
export async function checkedAutomation(sql: Sql, input: AutomationInput, selfId: string | null): Promise<AutomationFields> {
  const raw = {
    kind: input.kind,
    events: input.events ?? [],
    conditions: input.conditions ?? { all: [], any: [] },
    timing: input.kind === 'time' ? input.timing : (input.timing ?? null),
    actions: input.actions ?? [],
  };
  const problems = validateRule(raw, validateTemplate);
  if (problems.length > 0) throw invalid(problems);
  const given = raw.conditions as Partial<RuleConditions>;
  const timing = raw.timing as RuleTiming | null;
  const rule: AutomationRule = {
    kind: raw.kind,
    events: raw.events as AutomationEvent[],
    conditions: { all: (given.all ?? []).map(tidyCondition), any: (given.any ?? []).map(tidyCondition) },
    timing: timing && {
      since: timing.since, hours: timing.hours, business: timing.business, ...(timing.calendar_id ? { calendar_id: timing.calendar_id } : {}),
    },
    actions: (raw.actions as TicketAction[]).map(tidyAction),
  };
  const refs = ruleReferences(rule);
  if (refs.length > 0) {
    const byKind: Record<string, string[]> = {};
    for (const r of refs) (byKind[r.kind] ??= []).push(r.id);
    const found = new Set((await findReferenceNames(sql, byKind)).map((r) => `${r.kind}:${r.id}`));
    const missing = refs.filter((r) => !found.has(`${r.kind}:${r.id}`)).map((r) => ({ path: r.path, message: `unknown ${r.kind}` }));
    if (missing.length > 0) throw invalid(missing);
  }
  const same = await findAutomationByName(sql, input.name);
  if (same && same.id !== selfId) {
    throw new DomainError('CONFLICT', 'An automation with this name already exists.', [{ path: 'name', message: 'already used' }]);
  }
  return { name: input.name, active: input.active, ...rule };
}
