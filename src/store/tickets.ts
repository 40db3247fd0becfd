import type { TicketScope } from '../domain/permissions.js';
import type { Ticket } from '../domain/ticket.js';
import type { NewTimelineEntry } from '../domain/timeline.js';
import type { Sql } from './db.js';
import { vectorSql } from './search-sql.js';
import { TICKET_COLUMNS, ticketFromRow, type TicketRow, type TimelineRow } from './rows.js';

/** Maps domain field names to columns, for inserts and partial updates. */
const COLUMN_OF: Record<Exclude<keyof Ticket, 'id' | 'number' | 'sla' | 'routing'>, string> = {
  type: 'type',
  subject: 'subject',
  description: 'description',
  status: 'status',
  urgency: 'urgency',
  impact: 'impact',
  priority: 'priority',
  categoryId: 'category_id',
  tags: 'tags',
  channel: 'channel',
  requesterId: 'requester_id',
  organizationId: 'organization_id',
  teamId: 'team_id',
  assigneeId: 'assignee_id',
  tier: 'tier',
  equipmentBrand: 'equipment_brand',
  equipmentModel: 'equipment_model',
  mergedIntoId: 'merged_into_id',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  firstResponseAt: 'first_response_at',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
};

export type TicketPatch = Partial<Omit<Ticket, 'id' | 'number' | 'sla' | 'routing'>>;

export async function insertTicket(sql: Sql, t: Omit<Ticket, 'number' | 'sla' | 'routing'>): Promise<Ticket> {
  const fields = Object.keys(COLUMN_OF) as Array<keyof typeof COLUMN_OF>;
  const cols = ['id', ...fields.map((f) => COLUMN_OF[f])];
  const values = [t.id, ...fields.map((f) => t[f])];
  const params = values.map((_, i) => `$${i + 1}`);
  const subjectParam = `$${cols.indexOf('subject') + 1}::text`;
  const descriptionParam = `$${cols.indexOf('description') + 1}::text`;
  const row = await sql.one<TicketRow>(
    `INSERT INTO tickets (${cols.join(', ')}, search_vector)
     VALUES (${params.join(', ')}, ${vectorSql(subjectParam, 'A')} || ${vectorSql(descriptionParam, 'B')})
     RETURNING ${TICKET_COLUMNS}`,
    values,
  );
  return ticketFromRow(row!);
}

/** Loads a ticket by id, or by number when `ref` is a number. `forUpdate` locks the row for the transaction. */
export async function findTicket(sql: Sql, ref: { id: string } | { number: number }, forUpdate = false) {
  const [where, value] = 'id' in ref ? ['id = $1', ref.id] : ['number = $1', ref.number];
  const row = await sql.one<TicketRow>(
    `SELECT ${TICKET_COLUMNS} FROM tickets WHERE ${where}${forUpdate ? ' FOR UPDATE' : ''}`,
    [value],
  );
  return row ? ticketFromRow(row) : null;
}

/** Text added to a ticket's search: public (replies, seen by requesters' searches) or internal (notes, agents only). */
export interface SearchText {
  text: string;
  internal: boolean;
}

export async function updateTicket(sql: Sql, id: string, patch: TicketPatch, append?: SearchText): Promise<Ticket> {
  const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as Array<[keyof TicketPatch, unknown]>;
  const sets = entries.map(([k], i) => `${COLUMN_OF[k]} = $${i + 2}`);
  const values: unknown[] = [id, ...entries.map(([, v]) => v)];
  // In an UPDATE a column name reads the row as it was, so the vector is built from the new values' parameters.
  const newValue = (k: 'subject' | 'description') => {
    const i = entries.findIndex(([f]) => f === k);
    return i >= 0 ? `$${i + 2}::text` : COLUMN_OF[k];
  };
  let vector: string | null = null;
  if (patch.subject !== undefined || patch.description !== undefined) {
    // Subject or description changed: rebuild their part of the vector, keep the timeline part (weight C).
    vector = `${vectorSql(newValue('subject'), 'A')} || ${vectorSql(newValue('description'), 'B')}
      || setweight(ts_filter(search_vector, '{c}'), 'C')`;
  }
  if (append && !append.internal) {
    values.push(append.text);
    vector = `${vector ?? 'search_vector'} || ${vectorSql(`$${values.length}::text`, 'C')}`;
  }
  if (vector) sets.push(`search_vector = ${vector}`);
  if (append?.internal) {
    values.push(append.text);
    sets.push(`internal_search_vector = internal_search_vector || ${vectorSql(`$${values.length}::text`, 'C')}`);
  }
  if (sets.length === 0) return (await findTicket(sql, { id }))!;
  const row = await sql.one<TicketRow>(
    `UPDATE tickets SET ${sets.join(', ')} WHERE id = $1 RETURNING ${TICKET_COLUMNS}`,
    values,
  );
  return ticketFromRow(row!);
}

export async function appendTimeline(
  sql: Sql,
  ticketId: string,
  entries: ReadonlyArray<NewTimelineEntry & { id: string; createdAt: Date }>,
): Promise<TimelineRow[]> {
  if (entries.length === 0) return [];
  // One statement for all of them (the SLA sweep writes several per ticket); rows keep their order, and so their seq.
  const params: unknown[] = [];
  const values = entries.map((e) => {
    params.push(e.id, ticketId, e.kind, e.actor.kind, e.actor.id, e.visibility, e.body, e.reason, JSON.stringify(e.data), e.createdAt);
    const b = params.length - 10;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9}, $${b + 10})`;
  });
  const rows = await sql.query<TimelineRow>(
    `INSERT INTO timeline_entries (id, ticket_id, kind, actor_kind, actor_id, visibility, body, reason, data, created_at)
     VALUES ${values.join(', ')} RETURNING *`,
    params,
  );
  return rows.sort((a, b) => Number(a.seq) - Number(b.seq));
}

/** The ticket and every ticket merged into it (directly or through a chain), survivor first. */
export async function mergedFamily(sql: Sql, ticketId: string): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `WITH RECURSIVE fam(id) AS (
       SELECT $1::uuid UNION SELECT t.id FROM tickets t JOIN fam ON t.merged_into_id = fam.id
     ) SELECT id FROM fam`,
    [ticketId],
  );
  return rows.map((r) => r.id);
}

/** Adds the visibility rule of `scope` to a WHERE clause being built (table alias `t`). */
export function scopeCondition(scope: TicketScope, params: unknown[]): string | null {
  switch (scope.kind) {
    case 'all':
      return null;
    case 'agent':
      params.push(scope.agentId, scope.teamIds);
      return `(t.team_id IS NULL OR t.assignee_id = $${params.length - 1} OR t.team_id = ANY($${params.length}::uuid[]))`;
    case 'requester':
      params.push(scope.requesterId);
      if (scope.organizationId === null) return `t.requester_id = $${params.length}`;
      params.push(scope.organizationId);
      return `(t.requester_id = $${params.length - 1} OR t.organization_id = $${params.length})`;
  }
}

/** After a merge, the survivor is found by the words of the merged ticket too (public and internal parts apart). */
export async function absorbSearchVectors(sql: Sql, survivorId: string, sourceId: string): Promise<void> {
  await sql.query(
    `UPDATE tickets s SET search_vector = s.search_vector || setweight(m.search_vector, 'C'),
       internal_search_vector = s.internal_search_vector || m.internal_search_vector
     FROM tickets m WHERE s.id = $1 AND m.id = $2`,
    [survivorId, sourceId],
  );
}

/** Locks several tickets in id order, so two transactions locking the same pair cannot deadlock. */
export async function lockTickets(sql: Sql, ids: readonly string[]): Promise<void> {
  await sql.query('SELECT id FROM tickets WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [ids]);
}

export async function findTicketsByIds(sql: Sql, ids: readonly string[]): Promise<Ticket[]> {
  const rows = await sql.query<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = ANY($1::uuid[])`, [ids]);
  return rows.map(ticketFromRow);
}

export interface TimelineEntryRow extends TimelineRow {
  ticket_number: number;
  actor_name: string | null;
}

const TIMELINE_ENTRY_SELECT = `SELECT e.*, t.number AS ticket_number, coalesce(a.name, r.name) AS actor_name
  FROM timeline_entries e JOIN tickets t ON t.id = e.ticket_id
  LEFT JOIN agents a ON e.actor_kind = 'agent' AND a.id = e.actor_id
  LEFT JOIN requesters r ON e.actor_kind = 'requester' AND r.id = e.actor_id`;

/** Timeline entries of several tickets, oldest first, with each entry's ticket number and actor name. */
export async function listTimelineEntries(sql: Sql, ticketIds: readonly string[]): Promise<TimelineEntryRow[]> {
  return sql.query<TimelineEntryRow>(
    `${TIMELINE_ENTRY_SELECT} WHERE e.ticket_id = ANY($1::uuid[]) ORDER BY e.created_at, e.seq`,
    [ticketIds],
  );
}

export async function findTimelineEntry(sql: Sql, id: string): Promise<TimelineEntryRow | undefined> {
  return sql.one<TimelineEntryRow>(`${TIMELINE_ENTRY_SELECT} WHERE e.id = $1`, [id]);
}

/** Who asked, as ticket lists and pages show it. */
export interface RequesterSummary {
  id: string;
  name: string;
  /** The primary email address (else the oldest one), or null for a requester known by phone only. */
  email: string | null;
}

/** The requester's email, as a scalar subquery over `requesterIdExpr` (same choice as the requester presenter). */
export const REQUESTER_EMAIL_SQL = (requesterIdExpr: string): string =>
  `(SELECT ri.value FROM requester_identities ri WHERE ri.requester_id = ${requesterIdExpr} AND ri.kind = 'email'
    ORDER BY ri.is_primary DESC, ri.created_at, ri.id LIMIT 1)`;

/** Requester summaries for a set of requester ids, in one query. */
export async function findRequesterSummaries(sql: Sql, requesterIds: readonly string[]): Promise<RequesterSummary[]> {
  if (requesterIds.length === 0) return [];
  return sql.query<RequesterSummary>(
    `SELECT r.id, r.name, ${REQUESTER_EMAIL_SQL('r.id')} AS email FROM requesters r WHERE r.id = ANY($1::uuid[])`,
    [[...new Set(requesterIds)]],
  );
}

/** What deciding who may see a ticket needs (see domain canSeeTicket), for a batch of tickets. */
export interface TicketVisibility {
  id: string;
  number: number;
  requesterId: string;
  organizationId: string | null;
  teamId: string | null;
  assigneeId: string | null;
}

export async function findTicketVisibility(sql: Sql, ids: readonly string[]): Promise<TicketVisibility[]> {
  if (ids.length === 0) return [];
  return sql.query<TicketVisibility>(
    `SELECT id, number, requester_id AS "requesterId", organization_id AS "organizationId", team_id AS "teamId",
       assignee_id AS "assigneeId"
     FROM tickets WHERE id = ANY($1::uuid[])`,
    [ids],
  );
}
