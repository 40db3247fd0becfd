import { CHANNELS, PRIORITIES, type Channel, type Priority } from '../../../../shared/api/types';
import { actionDraftOf, actionOf, newAction, type ActionDraft } from '../../automations/rule-form';
import type { EscalationMetric, PauseStatus, SlaPolicy, SlaPolicyBody } from './api';

/**
 * The SLA policy editor's model: targets typed in hours and minutes (stored as business minutes; both empty = not
 * measured), escalations with their actions (the automation editor's rows), and the conversions to the API.
 */
export const METRICS = ['first_response', 'next_response', 'resolution'] as const satisfies readonly EscalationMetric[];
export type Metric = (typeof METRICS)[number];
export const PAUSE_STATUSES = ['pending', 'on_hold'] as const satisfies readonly PauseStatus[];
export const TICKET_TYPES = ['incident', 'request'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];
export { CHANNELS, PRIORITIES };

export interface DurationDraft {
  hours: string;
  minutes: string;
}

export interface EscalationDraft {
  key: number;
  metric: Metric;
  percent: string;
  actions: ActionDraft[];
}

export interface PolicyDraft {
  name: string;
  description: string;
  active: boolean;
  organizationIds: string[];
  types: TicketType[];
  categoryIds: string[];
  channels: Channel[];
  /** '' = the ticket team's calendar (else the default one). */
  calendarId: string;
  pauseStatuses: PauseStatus[];
  targets: Record<Priority, Record<Metric, DurationDraft>>;
  escalations: EscalationDraft[];
}

let nextKey = 0;

/** 90 → 1 h 30; 240 → 4 h (minutes left empty); null → both empty. */
export function durationOf(minutes: number | null | undefined): DurationDraft {
  if (!minutes) return { hours: '', minutes: '' };
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return { hours: h ? String(h) : '', minutes: m ? String(m) : '' };
}

/** Business minutes of a target; null when both boxes are empty (not measured); 'invalid' for anything else odd. */
export function minutesOf(d: DurationDraft): number | null | 'invalid' {
  const h = d.hours.trim();
  const m = d.minutes.trim();
  if (!h && !m) return null;
  if ((h && !/^\d+$/.test(h)) || (m && !/^\d+$/.test(m))) return 'invalid';
  const minutes = m ? Number(m) : 0;
  const total = (h ? Number(h) : 0) * 60 + minutes;
  if (minutes > 59 || total < 1) return 'invalid';
  return total;
}

const emptyTargets = (t?: SlaPolicy['targets']): PolicyDraft['targets'] =>
  Object.fromEntries(
    PRIORITIES.map((p) => [p, Object.fromEntries(METRICS.map((m) => [m, durationOf(t?.[p]?.[m])]))]),
  ) as PolicyDraft['targets'];

export function newEscalation(): EscalationDraft {
  return { key: ++nextKey, metric: 'resolution', percent: '75', actions: [newAction('notify')] };
}

export const emptyPolicyDraft = (): PolicyDraft => ({
  name: '', description: '', active: true, organizationIds: [], types: [], categoryIds: [], channels: [], calendarId: '',
  pauseStatuses: ['pending', 'on_hold'], targets: emptyTargets(), escalations: [],
});

export function policyDraftOf(p: SlaPolicy): PolicyDraft {
  return {
    name: p.name, description: p.description, active: p.active,
    organizationIds: [...(p.conditions.organization_ids ?? [])], types: [...(p.conditions.types ?? [])],
    categoryIds: [...(p.conditions.category_ids ?? [])], channels: [...(p.conditions.channels ?? [])],
    calendarId: p.calendar_id ?? '', pauseStatuses: [...p.pause_statuses], targets: emptyTargets(p.targets),
    escalations: p.escalations.map((e) => ({ key: ++nextKey, metric: e.metric, percent: String(e.percent), actions: e.actions.map(actionDraftOf) })),
  };
}

/** The API body. Rows are sent in order, so the server's paths (`escalations.0.actions.1.team_id`) point back at them. */
export function policyBodyOf(d: PolicyDraft): SlaPolicyBody {
  const minutes = (x: DurationDraft) => {
    const v = minutesOf(x);
    return v === 'invalid' ? null : v;
  };
  return {
    name: d.name.trim(),
    description: d.description.trim(),
    active: d.active,
    conditions: {
      ...(d.organizationIds.length ? { organization_ids: d.organizationIds } : {}),
      ...(d.types.length ? { types: d.types } : {}),
      ...(d.categoryIds.length ? { category_ids: d.categoryIds } : {}),
      ...(d.channels.length ? { channels: d.channels } : {}),
    },
    calendar_id: d.calendarId || null,
    pause_statuses: d.pauseStatuses,
    targets: Object.fromEntries(
      PRIORITIES.map((p) => [p, Object.fromEntries(METRICS.map((m) => [m, minutes(d.targets[p][m])]))]),
    ) as SlaPolicyBody['targets'],
    escalations: d.escalations.map((e) => ({ metric: e.metric, percent: Number(e.percent), actions: e.actions.map(actionOf) })),
  };
}

/**
 * What the form finds before asking the server, keyed like the server's paths; values are message ids. Escalation
 * actions are checked by the server (INVALID_SLA_POLICY, a path per problem), shown next to their row.
 */
export function checkPolicyDraft(d: PolicyDraft): Record<string, string> {
  const out: Record<string, string> = {};
  if (!d.name.trim()) out.name = 'common.required';
  for (const p of PRIORITIES) {
    for (const m of METRICS) if (minutesOf(d.targets[p][m]) === 'invalid') out[`targets.${p}.${m}`] = 'slaPolicies.form.badDuration';
  }
  const seen = new Set<string>();
  d.escalations.forEach((e, i) => {
    const percent = Number(e.percent);
    if (!/^\d+$/.test(e.percent.trim()) || percent < 1 || percent > 100) out[`escalations.${i}.percent`] = 'slaPolicies.form.badPercent';
    else if (seen.has(`${e.metric}@${percent}`)) out[`escalations.${i}.percent`] = 'slaPolicies.form.duplicateEscalation';
    seen.add(`${e.metric}@${percent}`);
  });
  return out;
}
