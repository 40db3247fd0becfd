import { linkRoleOf, type LinkKind, type LinkRole } from '../../domain/relations.js';
import type { TicketStatus } from '../../domain/ticket.js';
import type { TicketLinkView } from '../../store/ticket-links.js';

/** A link as seen from one ticket: the part this ticket plays, and the ticket at the other end. */
export interface LinkView {
  id: string;
  kind: LinkKind;
  role: LinkRole;
  ticket: { id: string; number: number; subject: string; status: TicketStatus };
  createdBy: string | null;
  createdAt: Date;
}

export function toLinkView(row: TicketLinkView, fromTicketId: string): LinkView {
  return {
    id: row.id,
    kind: row.kind,
    role: linkRoleOf({ kind: row.kind, fromTicketId: row.from_ticket_id }, fromTicketId),
    ticket: { id: row.other_id, number: row.other_number, subject: row.other_subject, status: row.other_status },
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}
