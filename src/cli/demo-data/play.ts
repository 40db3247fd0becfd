/**
 * Plays the planned demo events through the same use cases the API calls, with the clock set to each event's
 * moment, so the timelines, first-response times, search vectors and audit trail are exactly what real use
 * would have written.
 */
import type { AgentPrincipal, Principal, RequesterPrincipal } from '../../domain/principal.js';
import { createTicket } from '../../usecases/create-ticket.js';
import type { Clock, Deps } from '../../usecases/deps.js';
import { addNote } from '../../usecases/tickets/add-note.js';
import { addReply } from '../../usecases/tickets/add-reply.js';
import { assignTicket } from '../../usecases/tickets/assign-ticket.js';
import { changeTicketStatus } from '../../usecases/tickets/change-status.js';
import { linkTickets } from '../../usecases/tickets/link-tickets.js';
import { mergeTickets } from '../../usecases/tickets/merge-tickets.js';
import { updateTicket } from '../../usecases/tickets/update-ticket.js';
import type { TeamKey } from './directory.js';
import type { DemoEvent, DemoPlan } from './plan.js';

/** A clock the seeder moves from event to event. */
export class DemoClock implements Clock {
  constructor(private t: Date) {}
  now(): Date {
    return new Date(this.t);
  }
  set(d: Date): void {
    this.t = new Date(d);
  }
}

export interface DemoIds {
  agents: ReadonlyMap<string, AgentPrincipal>;
  requesters: readonly RequesterPrincipal[];
  teams: ReadonlyMap<TeamKey, string>;
  categories: ReadonlyMap<string, string>;
}

export async function playEvents(deps: Deps, clock: DemoClock, plan: DemoPlan, ids: DemoIds): Promise<void> {
  const ticketIds: string[] = [];
  const agent = (key: string) => {
    const p = ids.agents.get(key);
    if (!p) throw new Error(`demo data: unknown agent ${key}`);
    return p;
  };
  const team = (k: TeamKey) => ids.teams.get(k)!;
  for (const e of plan.events) {
    clock.set(e.at);
    const ticketId = ticketIds[e.ticket]!;
    const t = plan.tickets[e.ticket]!;
    const requester = ids.requesters[t.requester]!;
    const by = (key: string | null): Principal => (key === null ? requester : agent(key));
    switch (e.kind) {
      case 'create':
        ticketIds[e.ticket] = await create(deps, e, plan, ids, t.createdBy === null ? requester : agent(t.createdBy));
        break;
      case 'assign':
        await assignTicket(deps, agent(e.by), ticketId, { assigneeId: agent(e.assignee).id, teamId: team(e.team) });
        break;
      case 'escalate':
        await updateTicket(deps, agent(e.by), ticketId, { tier: e.tier, teamId: team(e.team), assigneeId: agent(e.assignee).id, reason: e.reason });
        break;
      case 'reply':
        await addReply(deps, by(e.by), ticketId, { body: e.body });
        break;
      case 'note':
        await addNote(deps, agent(e.by), ticketId, { body: e.body });
        break;
      case 'status':
        await changeTicketStatus(deps, by(e.by), ticketId, { status: e.to, reason: e.reason });
        break;
      case 'merge':
        await mergeTickets(deps, agent(e.by), ticketId, { into: ticketIds[e.into]!, reason: e.reason });
        break;
      case 'link':
        await linkTickets(deps, agent(e.by), ticketId, { kind: 'related', ticket: ticketIds[e.other]! });
        break;
    }
  }
}

async function create(deps: Deps, e: DemoEvent, plan: DemoPlan, ids: DemoIds, p: Principal): Promise<string> {
  const t = plan.tickets[e.ticket]!;
  const byAgent = p.kind === 'agent';
  const { ticket } = await createTicket(deps, p, {
    type: t.type,
    subject: t.subject,
    description: t.description,
    urgency: t.urgency,
    categoryId: ids.categories.get(t.category) ?? null,
    equipmentBrand: t.brand,
    equipmentModel: t.model,
    createdAt: e.at,
    // Impact and tags are the support team's assessment: only agents set them (a portal ticket gets the defaults).
    ...(byAgent
      ? {
          impact: t.impact,
          tags: t.tags,
          channel: t.channel,
          requesterId: ids.requesters[t.requester]!.id,
          teamId: t.team ? ids.teams.get(t.team)! : null,
          assigneeId: t.assignee ? ids.agents.get(t.assignee)!.id : null,
        }
      : {}),
  });
  return ticket.id;
}
