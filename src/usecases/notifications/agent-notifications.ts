import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { countUnread, listNotifications, markRead, type NotificationRow } from '../../store/notifications.js';
import type { Deps } from '../deps.js';

export interface NotificationPage {
  items: NotificationRow[];
  unread: number;
  hasMore: boolean;
}

/** The caller's own notifications (escalations, automations), newest first. Nobody reads another agent's. */
export async function listMyNotifications(
  deps: Deps, p: Principal, q: { unreadOnly: boolean; limit: number; before?: { createdAt: Date; id: string } },
): Promise<NotificationPage> {
  const agent = requireAgent(p, 'agent', 'tickets:read');
  const rows = await listNotifications(deps.db, agent.id, { ...q, limit: q.limit + 1 });
  return { items: rows.slice(0, q.limit), hasMore: rows.length > q.limit, unread: await countUnread(deps.db, agent.id) };
}

/** Marks some of the caller's notifications (or all) read; ids of other agents' notifications change nothing. */
export async function readMyNotifications(deps: Deps, p: Principal, ids: readonly string[] | 'all'): Promise<{ updated: number; unread: number }> {
  const agent = requireAgent(p, 'agent', 'tickets:read');
  const updated = await markRead(deps.db, agent.id, ids, deps.clock.now());
  return { updated, unread: await countUnread(deps.db, agent.id) };
}
