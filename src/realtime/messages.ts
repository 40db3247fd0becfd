import { canSeeTicket } from '../domain/permissions.js';
import type { Connection } from './connection.js';
import type { Hub } from './hub.js';
import { ClientMessage } from './protocol.js';

/**
 * One message from a client. Anything unexpected (not JSON, not a ClientMessage, a watch the caller may not
 * make) answers an `error` message and leaves the socket open: a buggy or hostile client cannot crash the hub.
 */
export async function handleClientMessage(hub: Hub, conn: Connection, text: string | null): Promise<void> {
  if (conn.closed) return;
  let json: unknown;
  try {
    json = text === null ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = ClientMessage.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    conn.error('INVALID_MESSAGE', `Not a valid message${where}: ${issue?.message ?? 'expected JSON text'}.`);
    return;
  }
  const msg = parsed.data;
  switch (msg.type) {
    case 'ping':
      conn.send({ type: 'pong' });
      return;
    case 'watch':
      return watch(hub, conn, msg.ticket_id);
    case 'unwatch':
      hub.unwatch(conn, msg.ticket_id);
      return;
    case 'typing':
      if (!conn.watching.has(msg.ticket_id)) {
        conn.error('NOT_WATCHING', 'Watch the ticket before saying you are typing on it.');
        return;
      }
      if (hub.presence.setComposing(msg.ticket_id, conn.id, msg.composing)) hub.presenceChanged(msg.ticket_id, true);
      return;
  }
}

/** Presence is between agents, on tickets they may see (checked like GET /tickets/:id). */
async function watch(hub: Hub, conn: Connection, ticketId: string): Promise<void> {
  const p = conn.principal;
  if (p.kind !== 'agent') {
    conn.error('FORBIDDEN', 'Only agents can watch a ticket.');
    return;
  }
  if (conn.watching.has(ticketId)) {
    conn.send({ type: 'presence', ticket_id: ticketId, viewers: hub.presence.viewers(ticketId) });
    return;
  }
  if (conn.watching.size >= hub.options.maxWatches) {
    conn.error('TOO_MANY_WATCHES', `A connection watches at most ${hub.options.maxWatches} tickets.`);
    return;
  }
  const [ticket] = await hub.visibility([ticketId]);
  if (!ticket || !canSeeTicket(p, ticket)) {
    conn.error('TICKET_NOT_FOUND', `No ticket ${ticketId}.`);
    return;
  }
  if (conn.closed) return; // the socket went away while the ticket was loading
  const since = new Date();
  conn.watching.set(ticketId, since);
  hub.presence.setLocal(ticketId, conn.id, { agentId: p.id, name: conn.name, composing: null, since });
  hub.presenceChanged(ticketId, true);
}
