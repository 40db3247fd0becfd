import type { LinkKind } from '../domain/relations.js';
import type { TicketStatus } from '../domain/ticket.js';
import type { Sql } from './db.js';

export interface TicketLinkRow {
  id: string;
  kind: LinkKind;
  from_ticket_id: string;
  to_ticket_id: string;
  created_by: string | null;
  created_at: Date;
}

/** A link seen from one ticket, with what a list needs to show of the ticket at the other end. */
export interface TicketLinkView extends TicketLinkRow {
  other_id: string;
  other_number: number;
  other_subject: string;
  other_status: TicketStatus;
  other_requester_id: string;
  other_organization_id: string | null;
  other_team_id: string | null;
  other_assignee_id: string | null;
}

export async function insertLink(
  sql: Sql,
  l: { id: string; kind: LinkKind; fromId: string; toId: string; createdBy: string | null; createdAt: Date },
): Promise<TicketLinkRow> {
  const row = await sql.one<TicketLinkRow>(
    `INSERT INTO ticket_links (id, kind, from_ticket_id, to_ticket_id, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
    [l.id, l.kind, l.fromId, l.toId, l.createdBy, l.createdAt],
  );
  return row!;
}

/** Any link between two tickets, whatever its kind or direction. */
export async function findLinkBetween(sql: Sql, a: string, b: string): Promise<TicketLinkRow | undefined> {
  return sql.one<TicketLinkRow>(
    `SELECT * FROM ticket_links
     WHERE (from_ticket_id = $1 AND to_ticket_id = $2) OR (from_ticket_id = $2 AND to_ticket_id = $1)`,
    [a, b],
  );
}

export async function findLink(sql: Sql, id: string): Promise<TicketLinkRow | undefined> {
  return sql.one<TicketLinkRow>('SELECT * FROM ticket_links WHERE id = $1', [id]);
}

export async function deleteLink(sql: Sql, id: string): Promise<void> {
  await sql.query('DELETE FROM ticket_links WHERE id = $1', [id]);
}

/** The parent of a ticket (a ticket has at most one), if any. */
export async function findParentLink(sql: Sql, childId: string): Promise<TicketLinkRow | undefined> {
  return sql.one<TicketLinkRow>(
    "SELECT * FROM ticket_links WHERE kind = 'parent_child' AND to_ticket_id = $1",
    [childId],
  );
}

/** Every ancestor of a ticket through parent → child links: its parent, the parent's parent, and so on. */
export async function ancestorsOf(sql: Sql, ticketId: string): Promise<string[]> {
  // UNION (not UNION ALL) stops on a cycle, should bad data ever hold one.
  const rows = await sql.query<{ id: string }>(
    `WITH RECURSIVE up(id) AS (
       SELECT from_ticket_id FROM ticket_links WHERE kind = 'parent_child' AND to_ticket_id = $1
       UNION
       SELECT l.from_ticket_id FROM ticket_links l JOIN up ON l.kind = 'parent_child' AND l.to_ticket_id = up.id
     ) SELECT id FROM up`,
    [ticketId],
  );
  return rows.map((r) => r.id);
}

/** Links of a ticket in both directions, oldest first. */
export async function listLinksOf(sql: Sql, ticketId: string): Promise<TicketLinkView[]> {
  return sql.query<TicketLinkView>(
    `SELECT l.*, o.id AS other_id, o.number AS other_number, o.subject AS other_subject, o.status AS other_status,
       o.requester_id AS other_requester_id, o.organization_id AS other_organization_id,
       o.team_id AS other_team_id, o.assignee_id AS other_assignee_id
     FROM ticket_links l
     JOIN tickets o ON o.id = CASE WHEN l.from_ticket_id = $1 THEN l.to_ticket_id ELSE l.from_ticket_id END
     WHERE l.from_ticket_id = $1 OR l.to_ticket_id = $1
     ORDER BY l.created_at, l.id`,
    [ticketId],
  );
}
