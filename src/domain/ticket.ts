import { DomainError } from './errors.js';
import type { Level, Priority } from './priority.js';
import type { SkillRef } from './skills.js';
import type { SlaState } from './sla/clock.js';

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_TYPES = ['incident', 'request'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const CHANNELS = ['email', 'chat', 'phone', 'portal', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export const TIERS = ['L1', 'L2', 'L3'] as const;
export type Tier = (typeof TIERS)[number];

/** Fields a ticket list can be sorted by (relevance only with a search text). */
/** `sla_due`: the earliest running SLA deadline; tickets whose clock does not run come last in ascending order. */
export const TICKET_SORTS = ['updated_at', 'created_at', 'priority', 'number', 'relevance', 'sla_due'] as const;
export type TicketSortField = (typeof TICKET_SORTS)[number];

/**
 * The lifecycle: new → open → pending | on_hold → resolved → closed. A resolved ticket can be reopened;
 * closed is final. A ticket never goes back to `new`.
 */
const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending', 'on_hold', 'resolved'],
  open: ['pending', 'on_hold', 'resolved'],
  pending: ['open', 'on_hold', 'resolved'],
  on_hold: ['open', 'pending', 'resolved'],
  resolved: ['open', 'closed'],
  closed: [],
};

export const allowedTransitions = (from: TicketStatus): readonly TicketStatus[] => TRANSITIONS[from];

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export interface Ticket {
  id: string;
  number: number;
  type: TicketType;
  subject: string;
  description: string;
  status: TicketStatus;
  urgency: Level;
  impact: Level;
  priority: Priority;
  categoryId: string | null;
  tags: string[];
  channel: Channel;
  requesterId: string;
  organizationId: string | null;
  teamId: string | null;
  assigneeId: string | null;
  tier: Tier;
  equipmentBrand: string | null;
  equipmentModel: string | null;
  mergedIntoId: string | null;
  createdAt: Date;
  updatedAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  /** The SLA clock (src/domain/sla/clock.ts), when a policy applies; read with the ticket, written by the SLA use cases only. */
  sla?: SlaState | null;
  /** Routing state (issue 6), read with the ticket, written by the routing use cases only. */
  routing?: TicketRouting;
}

export interface TicketRouting {
  /** What the assignee must know (from the routing rule or the escalation). */
  requiredSkills: SkillRef[];
  /** Waiting in the team queue for someone who qualifies: since when and why. */
  waitingSince: Date | null;
  waitingReason: string | null;
  /** Times the ticket went up a tier or over to another team. */
  escalationCount: number;
  /** When the current assignee got it. */
  assignedAt: Date | null;
}

/** The time stamps a status change sets or clears. */
export interface StatusChange {
  status: TicketStatus;
  resolvedAt: Date | null;
  closedAt: Date | null;
  reopened: boolean;
}

/**
 * Decides a status change. Throws TRANSITION_NOT_ALLOWED (or TICKET_CLOSED) for a move the lifecycle forbids.
 * Reopening clears `resolvedAt` so that reports measure the final resolution.
 */
export function transitionStatus(
  ticket: Pick<Ticket, 'status' | 'resolvedAt' | 'closedAt' | 'mergedIntoId'>,
  to: TicketStatus,
  now: Date,
): StatusChange {
  if (ticket.mergedIntoId) throw new DomainError('TICKET_MERGED', 'This ticket was merged into another one.');
  if (ticket.status === 'closed') {
    throw new DomainError('TICKET_CLOSED', 'A closed ticket cannot change; open a new ticket instead.');
  }
  if (!canTransition(ticket.status, to)) {
    throw new DomainError('TRANSITION_NOT_ALLOWED', `A ticket cannot go from ${ticket.status} to ${to}.`, {
      from: ticket.status,
      to,
      allowed: [...allowedTransitions(ticket.status)],
    });
  }
  return {
    status: to,
    resolvedAt: to === 'resolved' ? now : to === 'closed' ? ticket.resolvedAt : null,
    closedAt: to === 'closed' ? now : null,
    reopened: ticket.status === 'resolved' && to === 'open',
  };
}

/** Normalizes tags: trimmed, lower-case, unique, sorted; empty ones dropped. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0))].sort();
}

/** Parses `1042`, `#1042` as a ticket number; returns null for anything else (e.g. a UUID). */
export function parseTicketNumber(ref: string): number | null {
  const m = /^#?(\d{1,12})$/.exec(ref.trim());
  return m ? Number(m[1]) : null;
}
