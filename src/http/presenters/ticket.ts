import type { Ticket } from '../../domain/ticket.js';
import type { z } from 'zod';
import type { TicketJson } from '../schemas/tickets.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentTicket(t: Ticket): z.infer<typeof TicketJson> {
  return {
    id: t.id,
    number: t.number,
    type: t.type,
    subject: t.subject,
    description: t.description,
    status: t.status,
    urgency: t.urgency,
    impact: t.impact,
    priority: t.priority,
    category_id: t.categoryId,
    tags: t.tags,
    channel: t.channel,
    requester_id: t.requesterId,
    organization_id: t.organizationId,
    team_id: t.teamId,
    assignee_id: t.assigneeId,
    tier: t.tier,
    equipment: { brand: t.equipmentBrand, model: t.equipmentModel },
    merged_into_id: t.mergedIntoId,
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
    first_response_at: iso(t.firstResponseAt),
    resolved_at: iso(t.resolvedAt),
    closed_at: iso(t.closedAt),
  };
}
