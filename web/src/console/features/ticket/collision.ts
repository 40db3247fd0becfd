import type { Viewer } from '../../../../../src/realtime/protocol';
import type { TimelineEntry } from '../../../shared/api/types';

/** Ids of the public replies in a timeline: what an agent had in front of them when they started writing. */
export function replyIds(entries: readonly TimelineEntry[]): string[] {
  return entries.filter((e) => e.kind === 'ticket.replied').map((e) => e.id);
}

export interface CollisionInput {
  /** The agent about to send. */
  meId: string;
  /** Reply ids known when the draft began; null when no draft began (nothing to compare with). */
  baseline: readonly string[] | null;
  /** The timeline as it is now (kept live by realtime). */
  entries: readonly TimelineEntry[];
  /** Who is on the ticket now, with what they are composing. */
  viewers: readonly Viewer[];
}

export interface Collision {
  /** Other agents whose public reply arrived after the draft began. */
  repliedBy: string[];
  /** Other agents writing a public reply right now. */
  composingBy: string[];
}

const unique = (names: Array<string | null>): string[] => [...new Set(names.filter((n): n is string => Boolean(n)))];

/**
 * Whether sending a public reply now would cross another agent's: one replied since this draft began, or one
 * is writing a reply at this moment. Null when it is safe to send without asking.
 */
export function replyCollision({ meId, baseline, entries, viewers }: CollisionInput): Collision | null {
  const known = new Set(baseline ?? []);
  const repliedBy =
    baseline === null
      ? []
      : unique(
          entries
            .filter((e) => e.kind === 'ticket.replied' && e.actor.kind === 'agent' && e.actor.id !== meId && !known.has(e.id))
            .map((e) => e.actor.name),
        );
  const composingBy = unique(viewers.filter((v) => v.agent_id !== meId && v.composing === 'reply').map((v) => v.name));
  return repliedBy.length || composingBy.length ? { repliedBy, composingBy } : null;
}
