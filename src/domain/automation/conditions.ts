import { PRIORITIES, type Priority } from '../priority.js';
import { CHANNELS, TICKET_STATUSES, TICKET_TYPES, TIERS, type Ticket } from '../ticket.js';
import type { ActorKind } from '../timeline.js';
import { containsFolded, findAnyPhrase, foldText } from './text-match.js';

/**
 * The conditions of an automation rule: every condition of `all` must hold, and at least one of `any` when `any`
 * is not empty. A rule with no condition applies to every ticket its events (or timing) bring.
 */
export interface RuleConditions {
  all: Condition[];
  any: Condition[];
}

export interface Condition {
  field: ConditionField;
  op: ConditionOp;
  /** Absent for is_empty / is_not_empty; a list for in, not_in and contains_any. */
  value?: unknown;
}

/** Ticket events that can trigger an event rule: the timeline kinds the automation outbox queues (0004 migration). */
export const AUTOMATION_EVENTS = [
  'ticket.created', 'ticket.replied', 'ticket.noted', 'ticket.status_changed', 'ticket.assigned', 'ticket.team_changed',
  'ticket.tier_changed', 'ticket.priority_changed', 'ticket.fields_changed',
] as const;
export type AutomationEvent = (typeof AUTOMATION_EVENTS)[number];

export const ACTOR_KINDS = ['agent', 'requester', 'system'] as const satisfies readonly ActorKind[];
export const LANGUAGES = ['fr', 'en'] as const;

type FieldKind = 'enum' | 'id' | 'tags' | 'text';
interface FieldSpec {
  kind: FieldKind;
  /** The allowed values of an enum field. */
  values?: readonly (string | number)[];
  /** How the field reads in an explanation. */
  label: string;
}

export const FIELD_SPECS = {
  status: { kind: 'enum', values: TICKET_STATUSES, label: 'status' },
  priority: { kind: 'enum', values: PRIORITIES, label: 'priority' },
  urgency: { kind: 'enum', values: [1, 2, 3], label: 'urgency' },
  impact: { kind: 'enum', values: [1, 2, 3], label: 'impact' },
  type: { kind: 'enum', values: TICKET_TYPES, label: 'type' },
  channel: { kind: 'enum', values: CHANNELS, label: 'channel' },
  tier: { kind: 'enum', values: TIERS, label: 'tier' },
  requester_language: { kind: 'enum', values: LANGUAGES, label: "requester's language" },
  event: { kind: 'enum', values: AUTOMATION_EVENTS, label: 'event' },
  actor: { kind: 'enum', values: ACTOR_KINDS, label: 'actor' },
  team_id: { kind: 'id', label: 'team' },
  assignee_id: { kind: 'id', label: 'assignee' },
  category_id: { kind: 'id', label: 'category' },
  organization_id: { kind: 'id', label: 'organization' },
  tags: { kind: 'tags', label: 'tags' },
  subject: { kind: 'text', label: 'subject' },
  body: { kind: 'text', label: 'text of the event' },
  text: { kind: 'text', label: 'subject or text' },
} as const satisfies Record<string, FieldSpec>;

export type ConditionField = keyof typeof FIELD_SPECS;
export const CONDITION_FIELDS = Object.keys(FIELD_SPECS) as ConditionField[];

/** The operators each kind of field accepts. */
export const OPS_BY_KIND = {
  enum: ['is', 'is_not', 'in', 'not_in'],
  id: ['is', 'is_not', 'in', 'not_in', 'is_empty', 'is_not_empty'],
  tags: ['includes', 'not_includes', 'is_empty', 'is_not_empty'],
  text: ['contains', 'not_contains', 'contains_any', 'is_empty', 'is_not_empty'],
} as const satisfies Record<FieldKind, readonly string[]>;
export type ConditionOp = (typeof OPS_BY_KIND)[FieldKind][number];
export const CONDITION_OPS = [...new Set(Object.values(OPS_BY_KIND).flat())] as ConditionOp[];

export const opsFor = (field: ConditionField): readonly ConditionOp[] => OPS_BY_KIND[FIELD_SPECS[field].kind];

/** What a rule is evaluated against: the ticket as it is now, and the event that brought it (none for time rules). */
export interface RuleContext {
  ticket: Pick<Ticket, 'status' | 'priority' | 'urgency' | 'impact' | 'type' | 'channel' | 'teamId' | 'assigneeId' | 'tier'
    | 'categoryId' | 'organizationId' | 'tags' | 'subject'>;
  /** The ticket's category and its ancestors: a condition on a category matches its subcategories too. */
  categoryIds: readonly string[];
  /** The event's text: the description on creation, the reply's or note's text; the description for time rules. */
  body: string;
  requesterLanguage: string | null;
  event: AutomationEvent | null;
  actor: ActorKind | null;
}

export interface EvaluateOptions {
  /** A display name for an id (team, agent, category, organization), for the explanation. */
  nameOf?: (field: ConditionField, id: string) => string | undefined;
}

export interface Evaluation {
  matched: boolean;
  /** Which conditions held (or which did not), in English, for the ticket's timeline and the rule test. */
  explanation: string;
}

interface Outcome {
  holds: boolean;
  /** The condition in words, with what was found or seen when it helps. */
  text: string;
}

type Scalar = string | number | null;

function fieldValue(field: ConditionField, c: RuleContext): Scalar | readonly string[] {
  const t = c.ticket;
  switch (field) {
    case 'status': return t.status;
    case 'priority': return t.priority;
    case 'urgency': return t.urgency;
    case 'impact': return t.impact;
    case 'type': return t.type;
    case 'channel': return t.channel;
    case 'tier': return t.tier;
    case 'requester_language': return c.requesterLanguage;
    case 'event': return c.event;
    case 'actor': return c.actor;
    case 'team_id': return t.teamId;
    case 'assignee_id': return t.assigneeId;
    case 'category_id': return t.categoryId;
    case 'organization_id': return t.organizationId;
    case 'tags': return t.tags;
    case 'subject': return t.subject;
    case 'body': return c.body;
    case 'text': return `${t.subject}\n${c.body}`;
  }
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const quote = (s: unknown) => `"${String(s)}"`;

function evaluateOne(cond: Condition, ctx: RuleContext, opts: EvaluateOptions): Outcome {
  const spec: FieldSpec = FIELD_SPECS[cond.field];
  const label = spec.label;
  const actual = fieldValue(cond.field, ctx);
  const show = (v: unknown): string => {
    if (v === null || v === undefined) return 'none';
    if (spec.kind === 'id') {
      const name = opts.nameOf?.(cond.field, String(v));
      return name ? `«${name}»` : String(v);
    }
    return spec.kind === 'enum' ? String(v) : quote(v);
  };
  const seen = ` (it is ${Array.isArray(actual) ? actual.join(', ') || 'none' : show(actual)})`;
  // A category condition holds for the category and everything under it.
  const equals = (v: unknown): boolean =>
    cond.field === 'category_id' && typeof v === 'string' ? ctx.categoryIds.includes(v) : actual === v;
  const values = asList(cond.value);
  const orBelow = cond.field === 'category_id' ? ' (or below)' : '';
  switch (cond.op) {
    case 'is': {
      const holds = cond.value === null ? actual === null : equals(cond.value);
      return { holds, text: `${label} is ${show(cond.value)}${orBelow}${holds ? '' : seen}` };
    }
    case 'is_not': {
      const holds = cond.value === null ? actual !== null : !equals(cond.value);
      return { holds, text: `${label} is not ${show(cond.value)}${orBelow}${holds ? '' : seen}` };
    }
    case 'in': {
      const holds = values.some(equals);
      return { holds, text: `${label} is one of ${values.map(show).join(', ')}${orBelow}${holds ? ` (${show(actual)})` : seen}` };
    }
    case 'not_in': {
      const holds = !values.some(equals);
      return { holds, text: `${label} is none of ${values.map(show).join(', ')}${orBelow}${holds ? '' : seen}` };
    }
    case 'is_empty':
    case 'is_not_empty': {
      const empty = actual === null || (Array.isArray(actual) ? actual.length === 0 : String(actual).trim() === '');
      const holds = cond.op === 'is_empty' ? empty : !empty;
      return { holds, text: `${label} ${cond.op === 'is_empty' ? 'is empty' : 'is set'}` };
    }
    case 'includes':
    case 'not_includes': {
      const tags = (actual as readonly string[]).map(foldText);
      const found = values.filter((v) => tags.includes(foldText(String(v).trim())));
      const holds = cond.op === 'includes' ? found.length > 0 : found.length === 0;
      const what = values.length > 1 ? `any of ${values.map(quote).join(', ')}` : quote(values[0]);
      return { holds, text: `${label} ${cond.op === 'includes' ? 'include' : 'do not include'} ${what}` };
    }
    case 'contains':
    case 'not_contains': {
      const found = containsFolded(String(actual ?? ''), String(cond.value ?? ''));
      const holds = cond.op === 'contains' ? found : !found;
      return { holds, text: `${label} ${cond.op === 'contains' ? 'contains' : 'does not contain'} ${quote(cond.value)}` };
    }
    case 'contains_any': {
      const found = findAnyPhrase(String(actual ?? ''), values.map(String));
      return {
        holds: found !== null,
        text: `${label} contains any of ${values.map(quote).join(', ')}${found !== null ? ` (found ${quote(found)})` : ''}`,
      };
    }
  }
}

/**
 * Evaluates a rule's conditions against a ticket and its event. Pure; the explanation names the conditions that
 * held (or, when the rule does not match, those that did not).
 */
export function evaluate(rule: RuleConditions, ctx: RuleContext, opts: EvaluateOptions = {}): Evaluation {
  const all = rule.all.map((c) => evaluateOne(c, ctx, opts));
  const any = rule.any.map((c) => evaluateOne(c, ctx, opts));
  const failedAll = all.filter((o) => !o.holds);
  const heldAny = any.filter((o) => o.holds);
  const matched = failedAll.length === 0 && (any.length === 0 || heldAny.length > 0);
  if (matched) {
    if (all.length === 0 && any.length === 0) return { matched, explanation: 'no conditions (applies to every ticket)' };
    return { matched, explanation: [...all, ...heldAny].map((o) => o.text).join('; ') };
  }
  const reasons = failedAll.map((o) => o.text);
  if (any.length > 0 && heldAny.length === 0) reasons.push(`none of: ${any.map((o) => o.text).join(' / ')}`);
  return { matched, explanation: `not matched: ${reasons.join('; ')}` };
}

/**
 * What of a rule the database can filter on before the rule is evaluated (time rules scan tickets): the statuses,
 * priorities and teams its `all` conditions require. Undefined means no constraint; `teamIds` may hold null
 * (no team).
 */
export interface RulePrefilter {
  statuses?: string[];
  priorities?: Priority[];
  teamIds?: Array<string | null>;
}

export function prefilterOf(rule: RuleConditions): RulePrefilter {
  const out: RulePrefilter = {};
  const intersect = <T>(prev: T[] | undefined, next: T[]): T[] => (prev ? prev.filter((v) => next.includes(v)) : next);
  for (const c of rule.all) {
    const allowed = c.op === 'is' ? [c.value] : c.op === 'in' ? asList(c.value) : c.op === 'is_empty' ? [null] : null;
    if (!allowed) continue;
    if (c.field === 'status') out.statuses = intersect(out.statuses, allowed.map(String));
    if (c.field === 'priority') out.priorities = intersect(out.priorities, allowed.map(String) as Priority[]);
    if (c.field === 'team_id') out.teamIds = intersect(out.teamIds, allowed.map((v) => (v === null ? null : String(v))));
  }
  return out;
}
