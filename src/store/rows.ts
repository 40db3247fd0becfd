import type { Level, Priority } from '../domain/priority.js';
import type { SlaState } from '../domain/sla/clock.js';
import type { SkillRef } from '../domain/skills.js';
import type { Channel, Ticket, TicketStatus, TicketType, Tier } from '../domain/ticket.js';
import type { ActorKind, TimelineKind, Visibility } from '../domain/timeline.js';

export interface TicketRow {
  id: string;
  number: number;
  type: TicketType;
  subject: string;
  description: string;
  status: TicketStatus;
  urgency: number;
  impact: number;
  priority: Priority;
  category_id: string | null;
  tags: string[];
  channel: Channel;
  requester_id: string;
  organization_id: string | null;
  team_id: string | null;
  assignee_id: string | null;
  tier: Tier;
  equipment_brand: string | null;
  equipment_model: string | null;
  merged_into_id: string | null;
  created_at: Date;
  updated_at: Date;
  first_response_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  sla: SlaState | null;
  required_skills: SkillRef[];
  waiting_since: Date | null;
  waiting_reason: string | null;
  escalation_count: number;
  assigned_at: Date | null;
}

export const TICKET_COLUMNS = `id, number, type, subject, description, status, urgency, impact, priority, category_id,
  tags, channel, requester_id, organization_id, team_id, assignee_id, tier, equipment_brand, equipment_model,
  merged_into_id, created_at, updated_at, first_response_at, resolved_at, closed_at, sla, required_skills, waiting_since,
  waiting_reason, escalation_count, assigned_at`;

export function ticketFromRow(r: TicketRow): Ticket {
  return {
    id: r.id,
    number: r.number,
    type: r.type,
    subject: r.subject,
    description: r.description,
    status: r.status,
    urgency: r.urgency as Level,
    impact: r.impact as Level,
    priority: r.priority,
    categoryId: r.category_id,
    tags: r.tags,
    channel: r.channel,
    requesterId: r.requester_id,
    organizationId: r.organization_id,
    teamId: r.team_id,
    assigneeId: r.assignee_id,
    tier: r.tier,
    equipmentBrand: r.equipment_brand,
    equipmentModel: r.equipment_model,
    mergedIntoId: r.merged_into_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    firstResponseAt: r.first_response_at,
    resolvedAt: r.resolved_at,
    closedAt: r.closed_at,
    sla: r.sla,
    routing: {
      requiredSkills: r.required_skills,
      waitingSince: r.waiting_since,
      waitingReason: r.waiting_reason,
      escalationCount: r.escalation_count,
      assignedAt: r.assigned_at,
    },
  };
}

export interface TimelineRow {
  id: string;
  seq: number;
  ticket_id: string;
  kind: TimelineKind;
  actor_kind: ActorKind;
  actor_id: string | null;
  visibility: Visibility;
  body: string | null;
  reason: string | null;
  data: Record<string, unknown>;
  created_at: Date;
}
