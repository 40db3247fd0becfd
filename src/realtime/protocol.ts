import { z } from 'zod';

/**
 * The WebSocket protocol at `/api/v1/ws`, shared by the server (validation) and the web app (types only).
 *
 * Messages carry ids and presence, never ticket content: on `ticket.changed` a client refetches through the
 * HTTP API, which applies the same authorization as always. A connection receives `ticket.changed` only for
 * tickets its principal may see; only agents may `watch` a ticket (presence and typing are agent-to-agent).
 */
export const Composing = z.enum(['reply', 'note']).nullable();

export const ClientMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('watch'), ticket_id: z.uuid() }),
  z.strictObject({ type: z.literal('unwatch'), ticket_id: z.uuid() }),
  z.strictObject({ type: z.literal('typing'), ticket_id: z.uuid(), composing: Composing }),
  z.strictObject({ type: z.literal('ping') }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export interface Viewer {
  agent_id: string;
  name: string;
  composing: 'reply' | 'note' | null;
  /** ISO time the agent started viewing. */
  since: string;
}

export type ServerMessage =
  | { type: 'hello'; principal: { kind: 'agent' | 'requester'; id: string; name: string } }
  | { type: 'ticket.changed'; ticket_id: string; ticket_number: number }
  | { type: 'presence'; ticket_id: string; viewers: Viewer[] }
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string };

/** The `code` of an `error` message. None closes the socket: the message it answers is simply ignored. */
export type RealtimeErrorCode =
  | 'INVALID_MESSAGE' // not JSON, or not a ClientMessage
  | 'RATE_LIMITED' // too many messages: slow down (a flood closes the socket, code 1008)
  | 'FORBIDDEN' // requesters cannot watch tickets
  | 'TICKET_NOT_FOUND' // no such ticket, or not visible to the caller
  | 'NOT_WATCHING' // `typing` on a ticket the socket does not watch
  | 'TOO_MANY_WATCHES'; // a socket watches at most 20 tickets at once

/** Close codes the server uses besides the standard ones (1008 policy violation, 1009 message too big). */
export const CLOSE_SESSION_ENDED = 4401;
