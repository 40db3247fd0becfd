import { CHANNELS, PRIORITIES, TICKET_STATUSES, TIERS } from '../../../shared/api/types';
import type {
  Automation, AutomationBody, AutomationEvent, AutomationKind, Condition, ConditionField, ConditionOp, NotifyRecipient,
  TicketAction, TicketActionType, Timing,
} from './api';

/**
 * The automation editor's model: what each condition field accepts (mirrors src/domain/automation/conditions.ts;
 * the Records below stop compiling when the server adds a field, an operator or an action), the form's drafts,
 * and the conversions between drafts and the API's JSON.
 */
export type FieldKind = 'enum' | 'id' | 'tags' | 'text';
export type IdSource = 'team' | 'agent' | 'category' | 'organization';

export const EVENTS: readonly AutomationEvent[] = [
  'ticket.created', 'ticket.replied', 'ticket.noted', 'ticket.status_changed', 'ticket.assigned', 'ticket.team_changed',
  'ticket.tier_changed', 'ticket.priority_changed', 'ticket.fields_changed',
];

export const FIELD_KIND: Record<ConditionField, FieldKind> = {
  status: 'enum', priority: 'enum', urgency: 'enum', impact: 'enum', type: 'enum', channel: 'enum', tier: 'enum',
  requester_language: 'enum', event: 'enum', actor: 'enum',
  team_id: 'id', assignee_id: 'id', category_id: 'id', organization_id: 'id',
  tags: 'tags', subject: 'text', body: 'text', text: 'text',
};
export const FIELDS = Object.keys(FIELD_KIND) as ConditionField[];
/** Fields only an event knows. */
export const EVENT_ONLY: readonly ConditionField[] = ['event', 'actor'];

export const ID_SOURCE: Partial<Record<ConditionField, IdSource>> = {
  team_id: 'team', assignee_id: 'agent', category_id: 'category', organization_id: 'organization',
};

export const ENUM_VALUES: Partial<Record<ConditionField, readonly string[]>> = {
  status: TICKET_STATUSES, priority: PRIORITIES, urgency: ['1', '2', '3'], impact: ['1', '2', '3'], type: ['incident', 'request'],
  channel: CHANNELS, tier: TIERS, requester_language: ['fr', 'en'], event: EVENTS, actor: ['agent', 'requester', 'system'],
};

export const OPS: Record<FieldKind, readonly ConditionOp[]> = {
  enum: ['is', 'is_not', 'in', 'not_in'],
  id: ['is', 'is_not', 'in', 'not_in', 'is_empty', 'is_not_empty'],
  tags: ['includes', 'not_includes', 'is_empty', 'is_not_empty'],
  text: ['contains', 'not_contains', 'contains_any', 'is_empty', 'is_not_empty'],
};
export const opsOf = (field: ConditionField) => OPS[FIELD_KIND[field]];
export const isListOp = (op: ConditionOp) => op === 'in' || op === 'not_in';
export const takesValue = (op: ConditionOp) => op !== 'is_empty' && op !== 'is_not_empty';

export const ACTION_TYPES: readonly TicketActionType[] = [
  'set_status', 'set_urgency', 'set_impact', 'raise_priority', 'set_team', 'set_assignee', 'set_tier', 'escalate_tier',
  'add_tags', 'remove_tags', 'notify', 'reply', 'note',
];
export const RECIPIENTS: readonly NotifyRecipient[] = ['assignee', 'team_lead', 'team', 'managers'];
export const SINCE: readonly Timing['since'][] = ['status_changed', 'created', 'updated'];
export const ACTION_STATUSES = ['open', 'pending', 'on_hold', 'resolved', 'closed'] as const;

let nextKey = 0;
const key = () => ++nextKey;

export interface ConditionDraft {
  key: number;
  field: ConditionField;
  op: ConditionOp;
  /** One value (a select or a text; '' = not set for ids), or the chosen values of in / not_in. */
  value: string;
  values: string[];
}

export interface ActionDraft {
  key: number;
  type: TicketActionType;
  /** The single value of set_* actions ('' = none chosen / nobody). */
  value: string;
  /** Tags, comma-separated. */
  tags: string;
  recipients: NotifyRecipient[];
  /** Agents a notify action names (set through the API; kept as they are). */
  agentIds: string[];
  email: boolean;
  fr: string;
  en: string;
}

export interface RuleDraft {
  name: string;
  kind: AutomationKind;
  active: boolean;
  events: AutomationEvent[];
  since: Timing['since'];
  hours: string;
  business: boolean;
  calendarId: string;
  all: ConditionDraft[];
  any: ConditionDraft[];
  actions: ActionDraft[];
}

const DEFAULT_VALUE: Partial<Record<TicketActionType, string>> = {
  set_status: 'pending', set_urgency: '2', set_impact: '2', set_tier: 'L2',
};

export function newCondition(field: ConditionField = 'status'): ConditionDraft {
  const op = opsOf(field)[0]!;
  return { key: key(), field, op, value: ENUM_VALUES[field]?.[0] ?? '', values: [] };
}

export function newAction(type: TicketActionType = 'add_tags'): ActionDraft {
  return { key: key(), type, value: DEFAULT_VALUE[type] ?? '', tags: '', recipients: type === 'notify' ? ['assignee'] : [], agentIds: [], email: false, fr: '', en: '' };
}

export const emptyDraft = (): RuleDraft => ({
  name: '', kind: 'event', active: true, events: ['ticket.created'], since: 'status_changed', hours: '24', business: true,
  calendarId: '', all: [], any: [], actions: [newAction()],
});

const splitList = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

function conditionDraftOf(c: Condition): ConditionDraft {
  const d: ConditionDraft = { key: key(), field: c.field, op: c.op, value: '', values: [] };
  if (Array.isArray(c.value)) {
    if (isListOp(c.op)) d.values = c.value.map(String);
    else d.value = c.value.map(String).join(', ');
  } else if (c.value !== undefined && c.value !== null) d.value = String(c.value);
  return d;
}

/** The editor row of an action (also used by the SLA policy editor's escalations). */
export function actionDraftOf(a: TicketAction): ActionDraft {
  const d = newAction(a.type);
  switch (a.type) {
    case 'set_status': return { ...d, value: a.status };
    case 'set_urgency': return { ...d, value: String(a.urgency) };
    case 'set_impact': return { ...d, value: String(a.impact) };
    case 'set_team': return { ...d, value: a.team_id };
    case 'set_assignee': return { ...d, value: a.agent_id ?? '' };
    case 'set_tier': return { ...d, value: a.tier };
    case 'add_tags':
    case 'remove_tags': return { ...d, tags: a.tags.join(', ') };
    case 'notify': return { ...d, recipients: [...a.recipients], agentIds: [...(a.agent_ids ?? [])], email: a.email, fr: a.message?.fr ?? '', en: a.message?.en ?? '' };
    case 'reply':
    case 'note': return { ...d, fr: a.body.fr ?? '', en: a.body.en ?? '' };
    default: return d;
  }
}

export function draftOf(a: Automation): RuleDraft {
  return {
    name: a.name, kind: a.kind, active: a.active, events: [...a.events],
    since: a.timing?.since ?? 'status_changed', hours: String(a.timing?.hours ?? 24), business: a.timing?.business ?? true,
    calendarId: a.timing?.calendar_id ?? '',
    all: a.conditions.all.map(conditionDraftOf), any: a.conditions.any.map(conditionDraftOf), actions: a.actions.map(actionDraftOf),
  };
}

function conditionOf(d: ConditionDraft): Condition {
  if (!takesValue(d.op)) return { field: d.field, op: d.op };
  const numeric = d.field === 'urgency' || d.field === 'impact';
  const one = (v: string): string | number => (numeric ? Number(v) : v);
  if (isListOp(d.op)) return { field: d.field, op: d.op, value: d.values.map(one) };
  if (d.op === 'contains_any') return { field: d.field, op: d.op, value: splitList(d.value) };
  if (d.field === 'tags') {
    const tags = splitList(d.value);
    return { field: d.field, op: d.op, value: tags.length === 1 ? tags[0] : tags };
  }
  // An empty id reads "not set" (e.g. assignee is nobody).
  if (FIELD_KIND[d.field] === 'id') return { field: d.field, op: d.op, value: d.value || null };
  return { field: d.field, op: d.op, value: one(d.value) };
}

const localized = (d: ActionDraft) => ({ ...(d.fr.trim() ? { fr: d.fr } : {}), ...(d.en.trim() ? { en: d.en } : {}) });

/** The action an editor row stands for (also used by the SLA policy editor's escalations). */
export function actionOf(d: ActionDraft): TicketAction {
  const level = Number(d.value) as 1 | 2 | 3;
  switch (d.type) {
    case 'set_status': return { type: d.type, status: d.value as (typeof ACTION_STATUSES)[number] };
    case 'set_urgency': return { type: d.type, urgency: level };
    case 'set_impact': return { type: d.type, impact: level };
    case 'set_team': return { type: d.type, team_id: d.value };
    case 'set_assignee': return { type: d.type, agent_id: d.value || null };
    case 'set_tier': return { type: d.type, tier: d.value as (typeof TIERS)[number] };
    case 'add_tags':
    case 'remove_tags': return { type: d.type, tags: splitList(d.tags) };
    case 'notify': {
      const message = localized(d);
      return {
        type: d.type, recipients: d.recipients, ...(d.agentIds.length ? { agent_ids: d.agentIds } : {}), email: d.email,
        ...(Object.keys(message).length ? { message } : {}),
      };
    }
    case 'reply':
    case 'note': return { type: d.type, body: localized(d) };
    case 'raise_priority':
    case 'escalate_tier': return { type: d.type };
  }
}

/** The API body of a draft. Every row is sent, in order: the server's paths (`actions.2.tags`) point back at it. */
export function bodyOf(d: RuleDraft): AutomationBody {
  const time = d.kind === 'time';
  return {
    name: d.name.trim(),
    kind: d.kind,
    active: d.active,
    events: time ? [] : d.events,
    conditions: { all: d.all.map(conditionOf), any: d.any.map(conditionOf) },
    timing: time ? { since: d.since, hours: Number(d.hours.replace(',', '.')), business: d.business, ...(d.calendarId ? { calendar_id: d.calendarId } : {}) } : null,
    actions: d.actions.map(actionOf),
  };
}

/** Problems the form finds before asking the server, keyed like the server's paths; values are message ids. */
export function checkDraft(d: RuleDraft): Record<string, string> {
  const out: Record<string, string> = {};
  if (!d.name.trim()) out.name = 'common.required';
  if (d.kind === 'event' && d.events.length === 0) out.events = 'automations.form.needEvent';
  if (d.kind === 'time') {
    const hours = Number(d.hours.replace(',', '.'));
    if (!d.hours.trim() || !Number.isFinite(hours) || hours <= 0) out['timing.hours'] = 'automations.form.needHours';
  }
  for (const group of ['all', 'any'] as const) {
    d[group].forEach((c, i) => {
      if (!takesValue(c.op)) return;
      const missing = isListOp(c.op) ? c.values.length === 0 : !c.value.trim() && (FIELD_KIND[c.field] !== 'id' || (c.op !== 'is' && c.op !== 'is_not'));
      if (missing) out[`conditions.${group}.${i}.value`] = 'automations.form.needValue';
    });
  }
  if (d.actions.length === 0) out.actions = 'automations.form.needAction';
  d.actions.forEach((a, i) => {
    const path = `actions.${i}`;
    if (a.type === 'set_team' && !a.value) out[`${path}.team_id`] = 'automations.form.needValue';
    if ((a.type === 'add_tags' || a.type === 'remove_tags') && splitList(a.tags).length === 0) out[`${path}.tags`] = 'automations.form.needValue';
    if (a.type === 'notify' && a.recipients.length + a.agentIds.length === 0) out[`${path}.recipients`] = 'automations.form.needRecipient';
    if ((a.type === 'reply' || a.type === 'note') && !a.fr.trim() && !a.en.trim()) out[`${path}.body`] = 'automations.form.needText';
  });
  return out;
}

/** The server's problems by path ('body.' dropped): `{ 'conditions.all.0.value': 'one of …' }`. */
export function serverProblems(details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(details)) return out;
  for (const d of details) {
    if (!d || typeof d !== 'object' || !('message' in d)) continue;
    const path = 'path' in d && typeof d.path === 'string' ? d.path.replace(/^body\.?/, '') : '';
    out[path] = out[path] ? `${out[path]}; ${String(d.message)}` : String(d.message);
  }
  return out;
}

/** The messages at `prefix` and under it (`actions.1` collects `actions.1.body.fr`). */
export function problemsAt(problems: Record<string, string>, prefix: string): string | undefined {
  const found = Object.entries(problems).filter(([p]) => p === prefix || p.startsWith(`${prefix}.`)).map(([, m]) => m);
  return found.length ? found.join('; ') : undefined;
}
