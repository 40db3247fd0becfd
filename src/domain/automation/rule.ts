import type { ErrorDetail } from '../errors.js';
import type { TicketAction } from './actions.js';
import {
  AUTOMATION_EVENTS, CONDITION_FIELDS, FIELD_SPECS, opsFor, type AutomationEvent, type Condition, type ConditionField,
  type RuleConditions,
} from './conditions.js';
import { actionReferences, isUuid, validateActions, type TemplateCheck } from './validate-actions.js';

/**
 * An automation rule as configured: an event trigger (runs when one of `events` happens to a ticket) or a
 * time-based rule (the sweep runs it once the watched state has lasted `timing.hours`). See conditions.ts for
 * how conditions are evaluated.
 */
export const AUTOMATION_KINDS = ['event', 'time'] as const;
export type AutomationKind = (typeof AUTOMATION_KINDS)[number];

export const TIMING_SINCE = ['status_changed', 'created', 'updated'] as const;
export type TimingSince = (typeof TIMING_SINCE)[number];

export interface RuleTiming {
  /** What the time is measured from: the last status change, the creation, the last change of any kind. */
  since: TimingSince;
  hours: number;
  /** Business hours of the calendar (the rule's, else the ticket team's, else the default one), or wall time. */
  business: boolean;
  calendar_id?: string;
}

export interface AutomationRule {
  kind: AutomationKind;
  events: AutomationEvent[];
  conditions: RuleConditions;
  timing: RuleTiming | null;
  actions: TicketAction[];
}

export const MAX_CONDITIONS = 30;
export const MAX_HOURS = 24 * 366;
const MAX_WORDS = 100;

/** Fields that only exist when an event happens. */
const EVENT_ONLY: readonly ConditionField[] = ['event', 'actor'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkValue(c: Condition, path: string): ErrorDetail[] {
  const spec = FIELD_SPECS[c.field] as { kind: string; values?: readonly unknown[] };
  const scalarOk = (v: unknown): boolean =>
    spec.kind === 'enum' ? spec.values!.includes(v) : spec.kind === 'id' ? isUuid(v) : typeof v === 'string' && v.trim() !== '';
  const expected = spec.kind === 'enum' ? `one of ${spec.values!.join(', ')}` : spec.kind === 'id' ? 'an id' : 'a non-empty text';
  const bad = (message: string) => [{ path: `${path}.value`, message }];
  switch (c.op) {
    case 'is':
    case 'is_not':
      // null reads "not set" (e.g. assignee is null: unassigned), for fields that can be empty.
      if (c.value === null && spec.kind === 'id') return [];
      return scalarOk(c.value) ? [] : bad(expected);
    case 'in':
    case 'not_in':
    case 'contains_any': {
      const max = c.op === 'contains_any' ? MAX_WORDS : 50;
      if (!Array.isArray(c.value) || c.value.length === 0 || c.value.length > max) return bad(`a list of 1 to ${max} values`);
      return c.value.some((v) => !scalarOk(v)) ? bad(`each value: ${expected}`) : [];
    }
    case 'includes':
    case 'not_includes': {
      const list = Array.isArray(c.value) ? c.value : [c.value];
      return list.length === 0 || list.some((v) => !scalarOk(v)) ? bad('a tag, or a list of tags') : [];
    }
    case 'contains':
    case 'not_contains':
      return scalarOk(c.value) ? [] : bad(expected);
    case 'is_empty':
    case 'is_not_empty':
      return c.value === undefined || c.value === null ? [] : bad('takes no value');
  }
}

function checkConditions(v: unknown, kind: AutomationKind): ErrorDetail[] {
  if (!isObject(v)) return [{ path: 'conditions', message: 'must be { all: [...], any: [...] }' }];
  const out: ErrorDetail[] = Object.keys(v)
    .filter((k) => k !== 'all' && k !== 'any')
    .map((k) => ({ path: `conditions.${k}`, message: 'only all and any' }));
  for (const group of ['all', 'any'] as const) {
    const list = v[group] ?? [];
    if (!Array.isArray(list)) {
      out.push({ path: `conditions.${group}`, message: 'must be a list of conditions' });
      continue;
    }
    if (list.length > MAX_CONDITIONS) out.push({ path: `conditions.${group}`, message: `at most ${MAX_CONDITIONS} conditions` });
    list.forEach((c: unknown, i) => {
      const path = `conditions.${group}.${i}`;
      if (!isObject(c)) return out.push({ path, message: 'must be { field, op, value }' });
      const extra = Object.keys(c).filter((k) => !['field', 'op', 'value'].includes(k));
      if (extra.length) out.push({ path: `${path}.${extra[0]}`, message: 'only field, op and value' });
      if (!CONDITION_FIELDS.includes(c.field as ConditionField)) {
        return out.push({ path: `${path}.field`, message: `one of ${CONDITION_FIELDS.join(', ')}` });
      }
      const field = c.field as ConditionField;
      if (kind === 'time' && EVENT_ONLY.includes(field)) {
        return out.push({ path: `${path}.field`, message: `${field} is only known to event rules` });
      }
      const ops = opsFor(field);
      if (!ops.includes(c.op as never)) return out.push({ path: `${path}.op`, message: `for ${field}: one of ${ops.join(', ')}` });
      out.push(...checkValue(c as unknown as Condition, path));
    });
  }
  return out;
}

function checkTiming(v: unknown): ErrorDetail[] {
  if (!isObject(v)) return [{ path: 'timing', message: 'a time rule needs { since, hours, business }' }];
  const out: ErrorDetail[] = Object.keys(v)
    .filter((k) => !['since', 'hours', 'business', 'calendar_id'].includes(k))
    .map((k) => ({ path: `timing.${k}`, message: 'only since, hours, business and calendar_id' }));
  if (!TIMING_SINCE.includes(v.since as TimingSince)) out.push({ path: 'timing.since', message: `one of ${TIMING_SINCE.join(', ')}` });
  if (typeof v.hours !== 'number' || !Number.isFinite(v.hours) || v.hours <= 0 || v.hours > MAX_HOURS) {
    out.push({ path: 'timing.hours', message: `a number of hours above 0 and at most ${MAX_HOURS}` });
  }
  if (typeof v.business !== 'boolean') out.push({ path: 'timing.business', message: 'true (business hours) or false (wall time)' });
  if (v.calendar_id !== undefined && v.calendar_id !== null && !isUuid(v.calendar_id)) {
    out.push({ path: 'timing.calendar_id', message: 'a calendar id' });
  }
  return out;
}

/**
 * Every problem of an untrusted rule, with its path (`conditions.all.0.value`, `timing.hours`, `actions.1.status`),
 * for an INVALID_AUTOMATION error. Ids are only checked for their form: whether they exist is the caller's query.
 */
export function validateRule(rule: Record<string, unknown>, checkTemplate?: TemplateCheck): ErrorDetail[] {
  const kind = rule.kind as AutomationKind;
  if (!AUTOMATION_KINDS.includes(kind)) return [{ path: 'kind', message: 'event or time' }];
  const out: ErrorDetail[] = [];
  const events = rule.events ?? [];
  if (!Array.isArray(events)) out.push({ path: 'events', message: 'must be a list of events' });
  else if (kind === 'event') {
    if (events.length === 0) out.push({ path: 'events', message: 'an event rule needs at least one event' });
    events.forEach((e, i) => {
      if (!AUTOMATION_EVENTS.includes(e)) out.push({ path: `events.${i}`, message: `one of ${AUTOMATION_EVENTS.join(', ')}` });
    });
    if (new Set(events).size !== events.length) out.push({ path: 'events', message: 'each event once' });
  } else if (events.length > 0) out.push({ path: 'events', message: 'a time rule has no events (it has a timing)' });
  out.push(...checkConditions(rule.conditions ?? { all: [], any: [] }, kind));
  if (kind === 'time') out.push(...checkTiming(rule.timing));
  else if (rule.timing !== undefined && rule.timing !== null) out.push({ path: 'timing', message: 'only time rules have a timing' });
  const actions = rule.actions ?? [];
  out.push(...validateActions(actions, 'actions', checkTemplate));
  if (Array.isArray(actions) && actions.length === 0) out.push({ path: 'actions', message: 'at least one action' });
  return out;
}

export type ReferenceKind = 'team' | 'agent' | 'category' | 'organization' | 'calendar';
const REFERENCE_OF: Partial<Record<ConditionField, ReferenceKind>> = {
  team_id: 'team', assignee_id: 'agent', category_id: 'category', organization_id: 'organization',
};

/** Ids a valid rule refers to (conditions, timing, actions), with their paths, for the caller to check they exist. */
export function ruleReferences(rule: AutomationRule): Array<{ path: string; kind: ReferenceKind; id: string }> {
  const out: Array<{ path: string; kind: ReferenceKind; id: string }> = [];
  for (const group of ['all', 'any'] as const) {
    rule.conditions[group].forEach((c, i) => {
      const kind = REFERENCE_OF[c.field];
      if (!kind) return;
      const values = Array.isArray(c.value) ? c.value : [c.value];
      for (const id of values) if (typeof id === 'string') out.push({ path: `conditions.${group}.${i}.value`, kind, id });
    });
  }
  if (rule.timing?.calendar_id) out.push({ path: 'timing.calendar_id', kind: 'calendar', id: rule.timing.calendar_id });
  out.push(...actionReferences(rule.actions));
  return out;
}
