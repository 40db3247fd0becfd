import { z } from 'zod';
import { NOTIFY_RECIPIENTS } from '../../domain/automation/actions.js';
import { AUTOMATION_EVENTS, CONDITION_FIELDS, CONDITION_OPS } from '../../domain/automation/conditions.js';
import { AUTOMATION_KINDS, TIMING_SINCE } from '../../domain/automation/rule.js';
import { TIERS } from '../../domain/ticket.js';
import { IsoDate, Level, Uuid } from './common.js';

// What is stored and returned. Requests are checked by the domain instead (src/domain/automation/rule.ts), which
// answers INVALID_AUTOMATION with a path per problem (`conditions.all.0.value`), so bodies are only loosely typed.

const LocalizedTextJson = z.object({ fr: z.string().optional(), en: z.string().optional() })
  .describe('A text per language, with {{variables}} (requester.first_name, ticket.number …); the requester’s (or agent’s) language picks one, the other is the fallback');

export const TicketActionJson = z.discriminatedUnion('type', [
  z.object({ type: z.literal('set_status'), status: z.enum(['open', 'pending', 'on_hold', 'resolved', 'closed']) }),
  z.object({ type: z.literal('set_urgency'), urgency: Level }),
  z.object({ type: z.literal('set_impact'), impact: Level }),
  z.object({ type: z.literal('raise_priority') }),
  z.object({ type: z.literal('set_team'), team_id: Uuid }),
  z.object({ type: z.literal('set_assignee'), agent_id: Uuid.nullable() }),
  z.object({ type: z.literal('set_tier'), tier: z.enum(TIERS) }),
  z.object({ type: z.literal('escalate_tier') }),
  z.object({ type: z.literal('add_tags'), tags: z.array(z.string()) }),
  z.object({ type: z.literal('remove_tags'), tags: z.array(z.string()) }),
  z.object({
    type: z.literal('notify'), recipients: z.array(z.enum(NOTIFY_RECIPIENTS)), agent_ids: z.array(Uuid).optional(),
    email: z.boolean(), message: LocalizedTextJson.optional(),
  }),
  z.object({ type: z.literal('reply'), body: LocalizedTextJson }),
  z.object({ type: z.literal('note'), body: LocalizedTextJson }),
]);

export const ConditionJson = z.object({
  field: z.enum(CONDITION_FIELDS),
  op: z.enum(CONDITION_OPS),
  value: z.unknown().optional().describe('A value, a list (in, not_in, contains_any), null for "not set", or none (is_empty)'),
});

export const TimingJson = z.object({
  since: z.enum(TIMING_SINCE).describe('What the time is measured from'),
  hours: z.number(),
  business: z.boolean().describe('Business hours of the calendar (the rule’s, else the team’s, else the default), or wall time'),
  calendar_id: Uuid.optional(),
});

export const AutomationJson = z.object({
  id: Uuid,
  name: z.string(),
  kind: z.enum(AUTOMATION_KINDS),
  position: z.number().int().describe('Rules run in this order'),
  active: z.boolean(),
  events: z.array(z.enum(AUTOMATION_EVENTS)).describe('Event rules: what triggers them'),
  conditions: z.object({ all: z.array(ConditionJson), any: z.array(ConditionJson) }),
  timing: TimingJson.nullable().describe('Time rules: how long the watched state must last'),
  actions: z.array(TicketActionJson),
  created_by: Uuid.nullable(),
  created_at: IsoDate,
  updated_at: IsoDate,
});
export const AutomationList = z.object({ data: z.array(AutomationJson) });

const Name = z.string().trim().min(1).max(100);
const RuleParts = {
  events: z.array(z.string()).max(AUTOMATION_EVENTS.length * 2).describe(`Event rules: any of ${AUTOMATION_EVENTS.join(', ')}`),
  conditions: z.object({ all: z.array(z.unknown()).optional(), any: z.array(z.unknown()).optional() })
    .describe('{ all: [{ field, op, value }], any: [...] }: every condition of all, and one of any when any is not empty'),
  timing: z.unknown().describe('Time rules: { since: status_changed | created | updated, hours: > 0, business: boolean, calendar_id? }'),
  actions: z.array(z.unknown()).max(50).describe('Ticket actions: set_status, add_tags, notify, reply … (see AutomationJson)'),
};

export const CreateAutomationBody = z.strictObject({
  name: Name,
  kind: z.enum(AUTOMATION_KINDS),
  active: z.boolean().default(true),
  events: RuleParts.events.optional(),
  conditions: RuleParts.conditions.optional(),
  timing: RuleParts.timing.optional(),
  actions: RuleParts.actions,
});

export const UpdateAutomationBody = z.strictObject({
  name: Name.optional(),
  kind: z.enum(AUTOMATION_KINDS).optional(),
  active: z.boolean().optional(),
  events: RuleParts.events.optional(),
  conditions: RuleParts.conditions.optional(),
  timing: RuleParts.timing.optional(),
  actions: RuleParts.actions.optional(),
});

export const AutomationOrderBody = z.strictObject({
  ids: z.array(Uuid).max(1000).describe('Every automation, once, in the order they should run'),
});

export const AutomationTestBody = z.strictObject({
  ticket_id: z.union([z.string().trim().min(1).max(40), z.number().int().positive()])
    .describe('The ticket: its id, or its number (1042 or "#1042")'),
  event: z.enum(AUTOMATION_EVENTS).optional().describe('Event rules: the event to assume (default: the rule’s first)'),
});

export const AutomationTestJson = z.object({
  ticket_id: Uuid,
  ticket_number: z.number().int(),
  matched: z.boolean().describe('The rule would apply to the ticket now'),
  explanation: z.string().describe('Which conditions held or not, and for time rules where the clock stands (English)'),
  event: z.enum(AUTOMATION_EVENTS).nullable(),
  timing: z.object({
    since: IsoDate,
    elapsed_hours: z.number(),
    required_hours: z.number(),
    calendar: z.string().nullable(),
    already_ran: z.boolean().describe('The rule already applied for this episode'),
  }).nullable(),
});
