import { DomainError } from '../../domain/errors.js';
import { planTicketChanges, type TicketChangeRequest } from '../../domain/ticket-changes.js';
import type { Ticket } from '../../domain/ticket.js';
import type { Actor } from '../../domain/timeline.js';
import type { Sql } from '../../store/db.js';
import { findAgent } from '../../store/agents.js';
import { categoryExists, teamExists } from '../../store/lookups.js';
import { retryTeamsOfAgent } from '../../store/routing.js';
import { appendTimeline, findTicket, updateTicket } from '../../store/tickets.js';
import { queueTicketMail } from '../email/notify.js';
import type { Deps } from '../deps.js';
import { loadPriorityMatrix } from '../priority-matrix.js';
import { autoAssign } from '../routing/auto-assign.js';
import { trackSla } from '../sla/track-sla.js';

export interface AppliedChanges {
  ticket: Ticket;
  /** False when the request changed nothing: then nothing was written. */
  changed: boolean;
}

/**
 * Checks what a change refers to, plans it (domain) and writes the ticket and its timeline entries, inside the
 * caller's transaction on a ticket the caller has locked. Shared by PATCH, status and assign.
 */
export async function applyTicketChanges(
  sql: Sql,
  deps: Deps,
  ticket: Ticket,
  req: TicketChangeRequest,
  who: {
    actor: Actor;
    reason: string | null;
    source?: { kind: string; id: string; name: string };
    /** More structured data for the entries (a routing decision: who was chosen, who was skipped and why). */
    data?: Record<string, unknown>;
    /** False: a ticket left without an assignee in a push team is not assigned again here (the caller routes it). */
    route?: boolean;
  },
): Promise<AppliedChanges> {
  if (req.categoryId && req.categoryId !== ticket.categoryId && !(await categoryExists(sql, req.categoryId))) {
    throw new DomainError('CATEGORY_NOT_FOUND', 'No such category.', [{ path: 'category_id', message: 'unknown category' }]);
  }
  if (req.teamId && req.teamId !== ticket.teamId && !(await teamExists(sql, req.teamId))) {
    throw new DomainError('TEAM_NOT_FOUND', 'No such team.', [{ path: 'team_id', message: 'unknown team' }]);
  }
  const teams = new Map<string, readonly string[]>();
  const assigneeId = req.assigneeId !== undefined ? req.assigneeId : ticket.assigneeId;
  if (assigneeId) {
    const agent = await findAgent(sql, assigneeId);
    // Only a new assignee must be active: an agent who left stays on their old tickets until someone reassigns.
    if (!agent || (!agent.active && assigneeId !== ticket.assigneeId)) {
      throw new DomainError('AGENT_NOT_FOUND', 'No such active agent.', [{ path: 'assignee_id', message: 'unknown or inactive agent' }]);
    }
    teams.set(agent.id, agent.team_ids);
  }
  const now = deps.clock.now();
  const plan = planTicketChanges(ticket, req, {
    actor: who.actor,
    now,
    reason: who.reason,
    matrix: await loadPriorityMatrix(sql),
    teamsOf: (id) => teams.get(id) ?? [],
  });
  if (plan.entries.length === 0) return { ticket, changed: false };
  const updated = await updateTicket(sql, ticket.id, plan.patch);
  // Automation (SLA escalation, rule, macro) says which one acted, on every entry it wrote.
  const source = who.source ? { source: who.source } : {};
  const entries = plan.entries.map((e) => ({
    ...e, data: { ...e.data, ...who.data, ...source } as Record<string, unknown>, id: deps.newId(), createdAt: now,
  }));
  await appendTimeline(sql, ticket.id, entries);
  await trackSla(sql, deps, ticket, updated);
  const routed = await afterAssignmentChange(sql, deps, ticket, updated, who.route !== false, now);
  // An agent resolving the ticket tells the requester by mail (a requester who marks it resolved knows already).
  const resolvedEntry = entries.find((e) => e.kind === 'ticket.status_changed' && e.data.to === 'resolved');
  if (resolvedEntry && who.actor.kind === 'agent') {
    await queueTicketMail(sql, deps, updated, { kind: 'resolved', entryId: resolvedEntry.id });
  }
  return { ticket: routed ?? updated, changed: true };
}

const DONE = new Set(['resolved', 'closed']);

/**
 * Keeps routing moving: an agent whose ticket was resolved or taken away has room again (the team queue gets a
 * try), and a ticket moved to another team or handed back without an assignee is routed in its team (not back
 * to the agent who let it go).
 */
async function afterAssignmentChange(sql: Sql, deps: Deps, before: Ticket, after: Ticket, route: boolean, now: Date): Promise<Ticket | null> {
  const freed = before.assigneeId && (after.assigneeId !== before.assigneeId || (DONE.has(after.status) && !DONE.has(before.status)));
  if (freed) await retryTeamsOfAgent(sql, before.assigneeId!, now);
  const lostAssignee = !after.assigneeId && (before.assigneeId !== null || after.teamId !== before.teamId);
  if (route && lostAssignee && after.teamId && !DONE.has(after.status)) {
    const fresh = (await findTicket(sql, { id: after.id }))!;
    return (await autoAssign(sql, deps, fresh, { trigger: 'team_changed', exclude: before.assigneeId ? [before.assigneeId] : [] })).ticket;
  }
  return null;
}
