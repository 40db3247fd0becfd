import type { AutomationEvent, ConditionField, RuleConditions, RuleContext } from '../../domain/automation/conditions.js';
import type { ReferenceKind } from '../../domain/automation/rule.js';
import type { ActorKind } from '../../domain/timeline.js';
import { findReferenceNames, type TicketWithFacts } from '../../store/automations.js';
import type { Sql } from '../../store/db.js';

/** The event a rule is evaluated for: its kind, its text and who caused it. */
export interface RuleEvent {
  kind: AutomationEvent;
  body: string | null;
  actor: ActorKind;
}

/**
 * The evaluation context of a ticket. The event's text is the description on creation (the created entry has
 * none of its own), the entry's text otherwise; a time rule, with no event, reads the description.
 */
export function ruleContext({ ticket, facts }: TicketWithFacts, event: RuleEvent | null): RuleContext {
  const body = !event || event.kind === 'ticket.created' ? ticket.description : (event.body ?? '');
  return {
    ticket,
    categoryIds: facts.categoryIds,
    body,
    requesterLanguage: facts.requesterLanguage,
    event: event?.kind ?? null,
    actor: event?.actor ?? null,
  };
}

const KIND_OF: Partial<Record<ConditionField, ReferenceKind>> = {
  team_id: 'team', assignee_id: 'agent', category_id: 'category', organization_id: 'organization',
};

/**
 * Display names for the ids an explanation shows: those the conditions name and the ticket's own. One query;
 * the lookup answers undefined for what it does not know (the explanation then shows the id).
 */
export async function explanationNames(sql: Sql, conditions: RuleConditions, t: TicketWithFacts['ticket']) {
  const ids: Partial<Record<ReferenceKind, string[]>> = {};
  const add = (kind: ReferenceKind, id: unknown) => {
    if (typeof id === 'string') (ids[kind] ??= []).push(id);
  };
  for (const c of [...conditions.all, ...conditions.any]) {
    const kind = KIND_OF[c.field];
    if (kind) for (const v of Array.isArray(c.value) ? c.value : [c.value]) add(kind, v);
  }
  add('team', t.teamId);
  add('agent', t.assigneeId);
  add('category', t.categoryId);
  add('organization', t.organizationId);
  const rows = await findReferenceNames(sql, ids);
  const names = new Map(rows.map((r) => [`${r.kind}:${r.id}`, r.name]));
  return (field: ConditionField, id: string): string | undefined => {
    const kind = KIND_OF[field];
    return kind ? names.get(`${kind}:${id}`) : undefined;
  };
}
