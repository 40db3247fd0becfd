/** Statuses of work not yet done: what "my tickets" and "my teams' unassigned" show. */
const ACTIVE = 'new,open,pending,on_hold';

/** How far back "recently updated" looks. */
export const RECENT_MS = 24 * 3600_000;

export interface QueueDefinition {
  key: string;
  /** Exactly the GET /tickets query string that lists the queue. */
  query: Record<string, string>;
}

/**
 * The built-in queues, in the order the console shows them. `me` and `mine` are read per caller by the list
 * route, so one definition serves every agent; "recent" is relative to `now`, to the minute, so that its
 * query (which clients use as a cache key) stays the same between refreshes within a minute.
 */
export function builtinQueues(now: Date): QueueDefinition[] {
  const since = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - RECENT_MS);
  return [
    { key: 'mine', query: { assignee: 'me', status: ACTIVE } },
    { key: 'team_unassigned', query: { team: 'mine', assignee: 'none', status: ACTIVE } },
    { key: 'open', query: { status: 'new,open' } },
    { key: 'pending', query: { status: 'pending,on_hold' } },
    { key: 'recent', query: { updated_after: since.toISOString(), sort: '-updated_at' } },
  ];
}
