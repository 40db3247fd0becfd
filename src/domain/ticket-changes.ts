import { DomainError } from './errors.js';
import { priorityFor, type Level, type PriorityMatrix } from './priority.js';
import { normalizeTags, transitionStatus, type Ticket, type TicketStatus, type TicketType, type Tier } from './ticket.js';
import type { Actor, FieldChange, NewTimelineEntry, TimelineKind } from './timeline.js';

/** What a caller asks to change on a ticket; `undefined` leaves a field as it is, `null` clears it. */
export interface TicketChangeRequest {
  type?: TicketType;
  subject?: string;
  description?: string;
  status?: TicketStatus;
  urgency?: Level;
  impact?: Level;
  categoryId?: string | null;
  tags?: readonly string[];
  teamId?: string | null;
  assigneeId?: string | null;
  tier?: Tier;
  equipmentBrand?: string | null;
  equipmentModel?: string | null;
}

export type TicketFieldsPatch = Partial<Omit<Ticket, 'id' | 'number' | 'createdAt'>>;

export interface ChangeContext {
  actor: Actor;
  now: Date;
  /** The caller's "why", written on every entry of the change. */
  reason: string | null;
  matrix: PriorityMatrix;
  /** Team ids of an agent involved in the change (the requested assignee, or the current one when the team moves). */
  teamsOf(agentId: string): readonly string[];
}

export interface PlannedChanges {
  /** Columns to write; empty when the request changes nothing. */
  patch: TicketFieldsPatch;
  /** One entry per kind of change, in the order a reader expects: status, routing, priority, then fields. */
  entries: NewTimelineEntry[];
}

/** Closed is final and a merged ticket lives on in its survivor: neither accepts changes, replies or notes. */
export function assertTicketWritable(t: Pick<Ticket, 'status' | 'mergedIntoId' | 'number'>): void {
  if (t.mergedIntoId) {
    throw new DomainError('TICKET_MERGED', `Ticket #${t.number} was merged into another ticket; write there.`, {
      merged_into_id: t.mergedIntoId,
    });
  }
  if (t.status === 'closed') {
    throw new DomainError('TICKET_CLOSED', `Ticket #${t.number} is closed; open a new ticket instead.`);
  }
}

export const priorityReason = (urgency: Level, impact: Level, priority: string): string =>
  `urgency ${urgency} × impact ${impact} → ${priority}`;

const joinReasons = (auto: string, given: string | null) => (given ? `${auto} — ${given}` : auto);

/** Plain fields recorded together in one `ticket.fields_changed` entry, by their API names. */
const PLAIN_FIELDS = [
  ['type', 'type'],
  ['subject', 'subject'],
  ['description', 'description'],
  ['urgency', 'urgency'],
  ['impact', 'impact'],
  ['categoryId', 'category_id'],
  ['equipmentBrand', 'equipment_brand'],
  ['equipmentModel', 'equipment_model'],
] as const;

const sameTags = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Diffs a change request against the ticket: the columns to write and the timeline entries that explain them.
 * Values equal to the current ones are not changes, so a request that changes nothing plans nothing.
 *
 * Assignment rule: when a ticket belongs to a team, its assignee must be a member of that team. Asking for a
 * non-member is refused (INVALID_ASSIGNMENT); moving the ticket to a team its current assignee is not in
 * unassigns it, and the entry says why.
 */
export function planTicketChanges(ticket: Ticket, req: TicketChangeRequest, ctx: ChangeContext): PlannedChanges {
  assertTicketWritable(ticket);
  const patch: TicketFieldsPatch = {};
  const entries: NewTimelineEntry[] = [];
  const entry = (kind: TimelineKind, data: Record<string, unknown>, reason = ctx.reason): void => {
    entries.push({ kind, actor: ctx.actor, visibility: kind === 'ticket.status_changed' ? 'public' : 'internal', body: null, reason, data });
  };

  if (req.status !== undefined && req.status !== ticket.status) {
    const change = transitionStatus(ticket, req.status, ctx.now);
    patch.status = change.status;
    patch.resolvedAt = change.resolvedAt;
    patch.closedAt = change.closedAt;
    entry('ticket.status_changed', { from: ticket.status, to: change.status, ...(change.reopened ? { reopened: true } : {}) });
  }

  const teamId = req.teamId !== undefined ? req.teamId : ticket.teamId;
  let assigneeId = req.assigneeId !== undefined ? req.assigneeId : ticket.assigneeId;
  let assigneeReason = ctx.reason;
  const teamMoves = teamId !== ticket.teamId;
  if (teamId !== null && assigneeId !== null && !ctx.teamsOf(assigneeId).includes(teamId)) {
    const assigneeAsked = req.assigneeId !== undefined && (req.assigneeId !== ticket.assigneeId || teamMoves);
    if (assigneeAsked) {
      throw new DomainError('INVALID_ASSIGNMENT', 'The assignee is not a member of the ticket’s team.', [
        { path: 'assignee_id', message: 'not a member of the team', team_id: teamId },
      ]);
    }
    if (teamMoves) {
      assigneeId = null;
      assigneeReason = joinReasons('the assignee is not a member of the new team', ctx.reason);
    }
  }
  if (teamMoves) {
    patch.teamId = teamId;
    entry('ticket.team_changed', { from: ticket.teamId, to: teamId });
  }
  if (assigneeId !== ticket.assigneeId) {
    patch.assigneeId = assigneeId;
    entry('ticket.assigned', { from: ticket.assigneeId, to: assigneeId }, assigneeReason);
  }
  if (req.tier !== undefined && req.tier !== ticket.tier) {
    patch.tier = req.tier;
    entry('ticket.tier_changed', { from: ticket.tier, to: req.tier });
  }

  // Recomputed only when urgency or impact move: a matrix edited since would otherwise reprioritize a ticket
  // on an unrelated change (a tag, a typo in the subject).
  const urgency = req.urgency ?? ticket.urgency;
  const impact = req.impact ?? ticket.impact;
  const priority = priorityFor(ctx.matrix, urgency, impact);
  if ((urgency !== ticket.urgency || impact !== ticket.impact) && priority !== ticket.priority) {
    patch.priority = priority;
    entry(
      'ticket.priority_changed',
      { from: ticket.priority, to: priority, urgency, impact },
      joinReasons(priorityReason(urgency, impact, priority), ctx.reason),
    );
  }

  const fields: FieldChange[] = [];
  for (const [key, name] of PLAIN_FIELDS) {
    const to = req[key];
    if (to !== undefined && to !== ticket[key]) {
      fields.push({ field: name, from: ticket[key], to });
      Object.assign(patch, { [key]: to });
    }
  }
  if (req.tags !== undefined) {
    const tags = normalizeTags(req.tags);
    if (!sameTags(tags, ticket.tags)) {
      fields.push({ field: 'tags', from: ticket.tags, to: tags });
      patch.tags = tags;
    }
  }
  if (fields.length) entry('ticket.fields_changed', { changes: fields });

  if (entries.length) patch.updatedAt = ctx.now;
  return { patch, entries };
}

/**
 * Requesters close the loop themselves, on their own tickets only: mark one resolved, or reopen a resolved one.
 * Every other move is the support team's (FORBIDDEN); whether the move fits the lifecycle is checked after.
 */
export function assertRequesterMayMove(
  ticket: Pick<Ticket, 'requesterId' | 'status'>,
  requesterId: string,
  to: TicketStatus,
): void {
  if (ticket.requesterId !== requesterId) {
    throw new DomainError('FORBIDDEN', 'Only the requester of this ticket can change its status.');
  }
  if (to !== 'resolved' && !(to === 'open' && ticket.status === 'resolved')) {
    throw new DomainError('FORBIDDEN', 'You can mark your ticket resolved, or reopen it once resolved.', {
      from: ticket.status,
      to,
    });
  }
}
