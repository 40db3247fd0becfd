import { z } from 'zod';
import type { Viewer } from './protocol.js';

/**
 * Presence between the processes sharing one PostgreSQL database, carried by NOTIFY on `relais_presence`.
 * Each process announces, per ticket, the viewers it holds itself (replacing what it said before); the others
 * merge them with their own. Announcements are repeated every ~20 s and forgotten after ~60 s without one, so
 * a process that dies leaves no ghost viewers behind.
 */
export const PRESENCE_CHANNEL = 'relais_presence';
export const TICKET_EVENTS_CHANNEL = 'relais_ticket_events';

/** NOTIFY payloads must stay under 8000 bytes. */
const MAX_PAYLOAD = 7000;
/** More viewers of one ticket in one process than anyone needs to see; keeps one entry within a payload. */
const MAX_VIEWERS_PER_TICKET = 30;

const ViewerJson = z.object({
  agent_id: z.uuid(),
  name: z.string().max(300),
  composing: z.enum(['reply', 'note']).nullable(),
  since: z.string().max(40),
});

export const PresenceAnnouncement = z.object({
  pid: z.string().min(1).max(64),
  tickets: z.array(z.object({ id: z.uuid(), viewers: z.array(ViewerJson).max(MAX_VIEWERS_PER_TICKET) })).max(200),
});
export type PresenceAnnouncement = z.infer<typeof PresenceAnnouncement>;

/** Where a hub publishes its own presence (absent on the embedded engine: one process, nobody to tell). */
export interface PresenceBus {
  publish(payload: string): void;
}

/** Splits one process's presence into payloads that each fit a NOTIFY. */
export function announcementPayloads(pid: string, tickets: ReadonlyArray<{ id: string; viewers: Viewer[] }>): string[] {
  const payloads: string[] = [];
  let batch: PresenceAnnouncement['tickets'] = [];
  const flush = () => {
    if (batch.length) payloads.push(JSON.stringify({ pid, tickets: batch }));
    batch = [];
  };
  for (const t of tickets) {
    const entry = { id: t.id, viewers: t.viewers.slice(0, MAX_VIEWERS_PER_TICKET) };
    if (JSON.stringify({ pid, tickets: [...batch, entry] }).length > MAX_PAYLOAD) flush();
    batch.push(entry);
  }
  flush();
  return payloads;
}

/** Reads another process's announcement; null for anything malformed (never trusted blindly). */
export function readAnnouncement(payload: string): PresenceAnnouncement | null {
  try {
    const parsed = PresenceAnnouncement.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
