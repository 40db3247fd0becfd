import { z } from 'zod';
import { PRIORITIES } from '../../domain/priority.js';
import { SLA_METRICS } from '../../domain/sla/policy.js';
import { CHANNELS, TICKET_TYPES } from '../../domain/ticket.js';
import { TicketActionJson } from './automations.js';
import { IsoDate, Uuid } from './common.js';

const Metric = z.enum(SLA_METRICS);
const Minutes = z.number().int().min(1).nullable().describe('Business minutes; null: not measured');
const TargetsJson = z.object({ first_response: Minutes.optional(), next_response: Minutes.optional(), resolution: Minutes.optional() });
const TargetsByPriority = z.object(Object.fromEntries(PRIORITIES.map((p) => [p, TargetsJson.optional()])) as Record<(typeof PRIORITIES)[number], z.ZodOptional<typeof TargetsJson>>);
const ConditionsJson = z.object({
  organization_ids: z.array(Uuid).optional(),
  types: z.array(z.enum(TICKET_TYPES)).optional(),
  category_ids: z.array(Uuid).optional().describe('A category matches its sub-categories too'),
  channels: z.array(z.enum(CHANNELS)).optional(),
});
const PauseStatuses = z.array(z.enum(['pending', 'on_hold'])).describe('Statuses in which the clock stops');

export const SlaPolicyJson = z.object({
  id: Uuid,
  name: z.string(),
  description: z.string(),
  position: z.number().int(),
  active: z.boolean(),
  conditions: ConditionsJson,
  calendar_id: Uuid.nullable().describe('null: the ticket team’s calendar, else the default calendar'),
  targets: TargetsByPriority,
  pause_statuses: PauseStatuses,
  escalations: z.array(z.object({ metric: Metric, percent: z.number().int(), actions: z.array(TicketActionJson) })),
  created_at: IsoDate,
  updated_at: IsoDate,
});
export const SlaPolicyList = z.object({ data: z.array(SlaPolicyJson) });

// Escalation actions are checked by the domain (paths like escalations.0.actions.1.team_id), so loosely typed here.
const EscalationBody = z.strictObject({ metric: Metric, percent: z.number().int(), actions: z.array(z.unknown()).max(20) });
const PolicyFields = {
  description: z.string().max(2000).optional(),
  active: z.boolean().optional(),
  conditions: ConditionsJson.strict().optional(),
  calendar_id: Uuid.nullable().optional(),
  pause_statuses: PauseStatuses.optional(),
  escalations: z.array(EscalationBody).max(30).optional(),
};
export const CreateSlaPolicyBody = z.strictObject({
  name: z.string().trim().min(1).max(120),
  position: z.number().int().min(1).optional().describe('Rule order (1 is tried first); default: last'),
  targets: TargetsByPriority.strict(),
  ...PolicyFields,
});
export const UpdateSlaPolicyBody = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  targets: TargetsByPriority.strict().optional(),
  ...PolicyFields,
});
export const SlaPolicyOrderBody = z.strictObject({ ids: z.array(Uuid).max(500) });

export const SlaMetricJson = z.object({
  metric: Metric,
  target_minutes: z.number().int(),
  status: z.enum(['running', 'paused', 'met', 'stopped']),
  started_at: IsoDate,
  due_at: IsoDate.nullable().describe('When the target is reached if the clock keeps running; null while paused'),
  breached: z.boolean(),
  breached_at: IsoDate.nullable(),
  met_at: IsoDate.nullable(),
  cycle: z.number().int(),
  warning_percent: z.number().int().nullable().describe('The first escalation threshold below 100 % (the policy’s warning), if any'),
});

/** The SLA state every ticket answer carries. */
export const TicketSlaStateJson = z.object({
  policy: z.object({ id: Uuid, name: z.string() }),
  calendar: z.object({ id: Uuid.nullable(), name: z.string() }),
  priority: z.enum(PRIORITIES),
  paused: z.boolean(),
  breached: z.boolean(),
  due_at: IsoDate.nullable().describe('The earliest deadline among running targets'),
  targets: z.array(SlaMetricJson),
}).nullable();

export const SlaHistoryJson = z.object({
  state: TicketSlaStateJson,
  /** The same targets measured now (business time used and left). */
  now: z.array(z.object({ metric: Metric, used_minutes: z.number(), remaining_minutes: z.number() })),
  history: z.array(z.object({
    at: IsoDate,
    kind: z.string().describe('applied, started, paused, resumed, met, threshold, breached, retargeted, stopped, reopened'),
    metric: Metric.nullable(),
    reason: z.string(),
    data: z.record(z.string(), z.unknown()),
  })),
});

export const ComplianceQuery = z.strictObject({
  from: z.iso.date().describe('First day (inclusive), YYYY-MM-DD'),
  to: z.iso.date().describe('Last day (inclusive), YYYY-MM-DD'),
  time_zone: z.string().default('Europe/Paris').describe('Months are cut in this zone'),
  team_id: Uuid.optional(),
});
export const ComplianceJson = z.object({
  from: z.string(), to: z.string(), time_zone: z.string(),
  rows: z.array(z.object({
    month: z.string(), team: z.object({ id: Uuid, name: z.string() }).nullable(), priority: z.enum(PRIORITIES), metric: Metric,
    total: z.number().int(), met: z.number().int(), breached: z.number().int(),
    compliance: z.number().describe('met / total, 0–1'), median_business_minutes: z.number(),
  })),
  totals: z.object({ total: z.number().int(), met: z.number().int(), breached: z.number().int(), compliance: z.number().nullable() }),
});
