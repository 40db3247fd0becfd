import type { z } from 'zod';
import type { TimelineEntryView } from '../../usecases/tickets/timeline-view.js';
import type { TimelineEntryJson } from '../schemas/ticket-actions.js';

export function presentTimelineEntry(e: TimelineEntryView): z.infer<typeof TimelineEntryJson> {
  return {
    id: e.id,
    ticket_id: e.ticketId,
    ticket_number: e.ticketNumber,
    kind: e.kind,
    visibility: e.visibility,
    actor: { kind: e.actor.kind, id: e.actor.id, name: e.actor.name },
    body: e.body,
    reason: e.reason,
    data: e.data,
    created_at: e.createdAt.toISOString(),
  };
}
