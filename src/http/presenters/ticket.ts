import type { Principal } from '../../domain/principal.js';
import { presentSlaState } from './sla.js';
import type { z } from 'zod';
import type { Ticket } from '../../domain/ticket.js';
import type { RequesterSummary } from '../../store/tickets.js';
import type { Deps } from '../../usecases/deps.js';
import { requesterSummaries } from '../../usecases/tickets/requester-summaries.js';
import type { TicketJson } from '../schemas/tickets.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** `requesters` holds at least this ticket's requester (by id): lists read them in their own query. */
/** Who reads the ticket, and when: `now` decides whether a running SLA target is breached (the deps' clock). */
export interface TicketViewer {
  now: Date;
  /** The SLA clock is the support team's: requesters get `sla: null`. */
  agent: boolean;
}

export function presentTicket(t: Ticket, requesters: ReadonlyMap<string, RequesterSummary>, viewer: TicketViewer): z.infer<typeof TicketJson> {
  const r = requesters.get(t.requesterId);
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
    // The foreign key guarantees a requester; the fallback only keeps the shape if a caller forgot to load it.
    requester: r ? { id: r.id, name: r.name, email: r.email } : { id: t.requesterId, name: '', email: null },
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
    sla: viewer.agent ? presentSlaState(t.sla, viewer.now) : null,
    routing: viewer.agent && t.routing ? {
      required_skills: t.routing.requiredSkills,
      waiting_since: iso(t.routing.waitingSince),
      waiting_reason: t.routing.waitingReason,
      escalation_count: t.routing.escalationCount,
      assigned_at: iso(t.routing.assignedAt),
    } : null,
  };
}

/** Presents tickets a use case returned, loading their requesters in one query. */
export async function presentTicketsWithRequesters(
  deps: Deps, tickets: readonly Ticket[], viewer: Principal,
): Promise<Array<z.infer<typeof TicketJson>>> {
  const requesters = await requesterSummaries(deps, tickets);
  const view = { now: deps.clock.now(), agent: viewer.kind === 'agent' };
  return tickets.map((t) => presentTicket(t, requesters, view));
}

/** One ticket, with its requester. */
export async function presentOneTicket(deps: Deps, ticket: Ticket, viewer: Principal): Promise<z.infer<typeof TicketJson>> {
  return (await presentTicketsWithRequesters(deps, [ticket], viewer))[0]!;
}
