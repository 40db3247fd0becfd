import { TicketSlaStateJson } from './sla.js';
import { z } from 'zod';
import { PRIORITIES } from '../../domain/priority.js';
import { CHANNELS, TICKET_SORTS, TICKET_STATUSES, TICKET_TYPES, TIERS } from '../../domain/ticket.js';
import { csv, IsoDate, Level, Limit, Uuid } from './common.js';

const Tag = z.string().trim().min(1).max(50);
const Subject = z.string().trim().min(1).max(250);
const Description = z.string().max(100_000);
const Equipment = z.string().trim().max(120).nullable();

export const CreateTicketBody = z.strictObject({
  type: z.enum(TICKET_TYPES).optional(),
  subject: Subject,
  description: Description.optional(),
  urgency: Level.optional(),
  impact: Level.optional(),
  category_id: Uuid.nullable().optional(),
  tags: z.array(Tag).max(30).optional(),
  channel: z.enum(CHANNELS).optional(),
  requester_id: Uuid.optional(),
  requester_email: z.email().max(320).optional(),
  requester_name: z.string().trim().min(1).max(200).optional(),
  team_id: Uuid.nullable().optional(),
  assignee_id: Uuid.nullable().optional(),
  tier: z.enum(TIERS).optional(),
  equipment_brand: Equipment.optional(),
  equipment_model: Equipment.optional(),
});

export const UpdateTicketBody = z.strictObject({
  type: z.enum(TICKET_TYPES).optional(),
  subject: Subject.optional(),
  description: Description.optional(),
  status: z.enum(TICKET_STATUSES).optional(),
  urgency: Level.optional(),
  impact: Level.optional(),
  category_id: Uuid.nullable().optional(),
  tags: z.array(Tag).max(30).optional(),
  team_id: Uuid.nullable().optional(),
  assignee_id: Uuid.nullable().optional(),
  tier: z.enum(TIERS).optional(),
  equipment_brand: Equipment.optional(),
  equipment_model: Equipment.optional(),
  /** Why: recorded on every timeline entry this change writes. */
  reason: z.string().trim().max(2000).optional(),
});

/**
 * The filters and sort of GET /tickets. A saved view stores one of these queries as it is sent (strings), and
 * queue counts read views through the same schema, so a view lists and counts exactly like the list route.
 */
export const TicketFilterFields = {
  status: csv(z.enum(TICKET_STATUSES)).optional(),
  team: z.union([Uuid, z.literal('none'), z.literal('mine')]).optional(),
  assignee: z.union([Uuid, z.literal('none'), z.literal('me')]).optional(),
  requester: Uuid.optional(),
  organization: Uuid.optional(),
  priority: csv(z.enum(PRIORITIES)).optional(),
  tier: csv(z.enum(TIERS)).optional(),
  category: Uuid.optional(),
  tag: csv(Tag).optional(),
  channel: csv(z.enum(CHANNELS)).optional(),
  type: z.enum(TICKET_TYPES).optional(),
  q: z.string().trim().min(1).max(500).optional(),
  sort: z
    .string()
    .regex(new RegExp(`^-?(${TICKET_SORTS.join('|')})$`), `one of ${TICKET_SORTS.join(', ')}, with - for descending`)
    .optional(),
  updated_after: IsoDate.optional(),
};

export const TicketFilterQuery = z.strictObject(TicketFilterFields);
export type TicketFilterQuery = z.output<typeof TicketFilterQuery>;

export const ListTicketsQuery = z.strictObject({
  ...TicketFilterFields,
  limit: Limit,
  cursor: z.string().max(500).optional(),
});

/** Who asked: on every ticket, so lists and pages need no second call. */
export const RequesterSummaryJson = z.object({ id: Uuid, name: z.string(), email: z.string().nullable() });

export const TicketRoutingJson = z.object({
  required_skills: z.array(z.object({ skill_id: Uuid, level: Level })).describe('What the assignee must know, each at least at its level'),
  waiting_since: IsoDate.nullable().describe('Waiting in the team queue for someone who qualifies, since'),
  waiting_reason: z.string().nullable().describe('Why nobody could take it yet (who was skipped and why)'),
  escalation_count: z.number().int().describe('Times it went up a level or over to another team'),
  assigned_at: IsoDate.nullable(),
});

export const TicketJson = z.object({
  id: Uuid,
  number: z.number().int(),
  type: z.enum(TICKET_TYPES),
  subject: z.string(),
  description: z.string(),
  status: z.enum(TICKET_STATUSES),
  urgency: Level,
  impact: Level,
  priority: z.enum(PRIORITIES),
  category_id: Uuid.nullable(),
  tags: z.array(z.string()),
  channel: z.enum(CHANNELS),
  requester_id: Uuid,
  requester: RequesterSummaryJson,
  organization_id: Uuid.nullable(),
  team_id: Uuid.nullable(),
  assignee_id: Uuid.nullable(),
  tier: z.enum(TIERS),
  equipment: z.object({ brand: z.string().nullable(), model: z.string().nullable() }),
  merged_into_id: Uuid.nullable(),
  created_at: IsoDate,
  updated_at: IsoDate,
  first_response_at: IsoDate.nullable(),
  resolved_at: IsoDate.nullable(),
  closed_at: IsoDate.nullable(),
  sla: TicketSlaStateJson.describe('The SLA clock: policy, targets with due times, paused or running, breached or not (null: no policy applies)'),
  routing: TicketRoutingJson.nullable().describe('Agents only (null for requesters): required skills, the wait in the team queue and why, escalations'),
});

export const TicketList = z.object({ data: z.array(TicketJson), next_cursor: z.string().nullable() });
