import { DomainError } from './errors.js';
import type { Ticket } from './ticket.js';

export const LINK_KINDS = ['related', 'parent_child', 'duplicate'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/**
 * Checks that `source` can be merged into `target` (the survivor). The source is closed and points to the
 * survivor; both timelines are shown together on the survivor.
 */
export function assertCanMerge(
  source: Pick<Ticket, 'id' | 'status' | 'mergedIntoId' | 'requesterId'>,
  target: Pick<Ticket, 'id' | 'status' | 'mergedIntoId'>,
): void {
  if (source.id === target.id) throw new DomainError('MERGE_NOT_ALLOWED', 'A ticket cannot be merged into itself.');
  if (source.mergedIntoId) throw new DomainError('MERGE_NOT_ALLOWED', 'This ticket was already merged.');
  if (target.mergedIntoId) {
    throw new DomainError('MERGE_NOT_ALLOWED', 'The target ticket was merged into another one; merge into that one.');
  }
  if (target.status === 'closed') throw new DomainError('MERGE_NOT_ALLOWED', 'Cannot merge into a closed ticket.');
  if (source.status === 'closed') throw new DomainError('MERGE_NOT_ALLOWED', 'A closed ticket cannot be merged.');
}

/**
 * Checks a new link. For parent_child, `fromId` is the parent and `toId` the child; `ancestorsOfFrom` lists the
 * parent's ancestors so that no cycle forms. For duplicate, `fromId` duplicates `toId`.
 */
export function assertCanLink(
  kind: LinkKind,
  fromId: string,
  toId: string,
  ancestorsOfFrom: readonly string[],
): void {
  if (fromId === toId) throw new DomainError('LINK_NOT_ALLOWED', 'A ticket cannot be linked to itself.');
  if (kind === 'parent_child' && ancestorsOfFrom.includes(toId)) {
    throw new DomainError('LINK_NOT_ALLOWED', 'This link would make a ticket its own ancestor.');
  }
}

/** A related link is symmetric: stored once, with the smaller id first, so A↔B and B↔A are the same link. */
export function canonicalLinkPair(kind: LinkKind, fromId: string, toId: string): [string, string] {
  if (kind === 'related' && toId < fromId) return [toId, fromId];
  return [fromId, toId];
}

/** The part a ticket plays in a link: parent or child, duplicate or original, or simply related. */
export type LinkRole = 'parent' | 'child' | 'duplicate' | 'original' | 'related';

/** The role of `ticketId` in a stored link. */
export function linkRoleOf(link: { kind: LinkKind; fromTicketId: string }, ticketId: string): LinkRole {
  const isFrom = link.fromTicketId === ticketId;
  if (link.kind === 'parent_child') return isFrom ? 'parent' : 'child';
  if (link.kind === 'duplicate') return isFrom ? 'duplicate' : 'original';
  return 'related';
}

/**
 * Orders a new link as stored: for parent_child, `role` says whether `thisId` is the parent (default) or the
 * child; a duplicate link goes from `thisId` (the duplicate) to the original; a related pair is canonical.
 */
export function linkEndpoints(kind: LinkKind, thisId: string, otherId: string, role: 'parent' | 'child' = 'parent'): [string, string] {
  if (kind === 'parent_child' && role === 'child') return [otherId, thisId];
  return canonicalLinkPair(kind, thisId, otherId);
}
