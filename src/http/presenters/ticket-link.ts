import type { z } from 'zod';
import type { LinkView } from '../../usecases/tickets/link-view.js';
import type { LinkJson } from '../schemas/ticket-actions.js';

export function presentLink(l: LinkView): z.infer<typeof LinkJson> {
  return {
    id: l.id,
    kind: l.kind,
    role: l.role,
    ticket: { id: l.ticket.id, number: l.ticket.number, subject: l.ticket.subject, status: l.ticket.status },
    created_by: l.createdBy,
    created_at: l.createdAt.toISOString(),
  };
}
