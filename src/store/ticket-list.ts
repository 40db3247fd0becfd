import type { TicketScope } from '../domain/permissions.js';
import type { Priority } from '../domain/priority.js';
import type { Channel, Ticket, TicketSortField, TicketStatus, TicketType, Tier } from '../domain/ticket.js';
import type { Sql } from './db.js';
import { tsquerySql } from './search-sql.js';
import { TICKET_COLUMNS, ticketFromRow, type TicketRow } from './rows.js';
import { REQUESTER_EMAIL_SQL, scopeCondition, type RequesterSummary } from './tickets.js';

export type { TicketSortField };

export interface TicketFilters {
  status?: readonly TicketStatus[];
  teamId?: string | 'none';
  /** Tickets of any of these teams (`team=mine`: the caller's teams; empty matches nothing). */
  teamIds?: readonly string[];
  assigneeId?: string | 'none';
  requesterId?: string;
  organizationId?: string;
  priority?: readonly Priority[];
  tier?: readonly Tier[];
  categoryId?: string;
  tag?: readonly string[];
  channel?: readonly Channel[];
  type?: TicketType;
  q?: string;
  /** Changed strictly after this instant (the "recently updated" queue, and catching up after a reconnect). */
  updatedAfter?: Date;
}

export interface TicketListQuery {
  filters: TicketFilters;
  scope: TicketScope;
  sort: TicketSortField;
  direction: 'asc' | 'desc';
  limit: number;
  /** Keyset position of the last row of the previous page: [sort value, id]. */
  after: [string | number, string] | null;
}

export interface TicketListPage {
  tickets: Ticket[];
  /** Each listed ticket's requester, by requester id (read by the same query: lists show who asked). */
  requesters: Map<string, RequesterSummary>;
  /** Sort value and id of the last row, when more rows may follow. */
  last: [string | number, string] | null;
}

/** Adds a parameter and returns its placeholder. */
export type AddParam = (value: unknown) => string;

/**
 * The WHERE conditions (table alias `t`) of a scope and filters, shared by the list and the queue counts so a
 * count always matches the list it stands for. Returns the rank expression of the search text too.
 */
export function filterConditions(
  f: TicketFilters,
  scope: TicketScope,
  params: unknown[],
): { where: string[]; rankExpr: string } {
  const where: string[] = [];
  const add: AddParam = (value) => {
    params.push(value);
    return `$${params.length}`;
  };
  const scoped = scopeCondition(scope, params);
  if (scoped) where.push(scoped);
  if (f.status?.length) where.push(`t.status = ANY(${add(f.status)}::text[])`);
  if (f.teamId === 'none') where.push('t.team_id IS NULL');
  else if (f.teamId) where.push(`t.team_id = ${add(f.teamId)}`);
  if (f.teamIds) where.push(`t.team_id = ANY(${add(f.teamIds)}::uuid[])`);
  if (f.assigneeId === 'none') where.push('t.assignee_id IS NULL');
  else if (f.assigneeId) where.push(`t.assignee_id = ${add(f.assigneeId)}`);
  if (f.requesterId) where.push(`t.requester_id = ${add(f.requesterId)}`);
  if (f.organizationId) where.push(`t.organization_id = ${add(f.organizationId)}`);
  if (f.priority?.length) where.push(`t.priority = ANY(${add(f.priority)}::text[])`);
  if (f.tier?.length) where.push(`t.tier = ANY(${add(f.tier)}::text[])`);
  if (f.channel?.length) where.push(`t.channel = ANY(${add(f.channel)}::text[])`);
  if (f.type) where.push(`t.type = ${add(f.type)}`);
  if (f.tag?.length) where.push(`t.tags @> ${add(f.tag)}::text[]`);
  if (f.updatedAfter) where.push(`t.updated_at > ${add(f.updatedAfter)}::timestamptz`);
  if (f.categoryId) {
    where.push(`t.category_id IN (SELECT c.id FROM categories c WHERE c.path LIKE (
      SELECT p.path FROM categories p WHERE p.id = ${add(f.categoryId)}) || '%')`);
  }

  let rankExpr = '0::real';
  const text = f.q?.trim();
  if (text) {
    const p = add(text);
    const alternatives = [`t.search_vector @@ ${tsquerySql(p)}`];
    // Internal notes are searchable by agents only: a requester must not find a ticket by a note's words.
    const agentSearch = scope.kind !== 'requester';
    if (agentSearch) alternatives.push(`t.internal_search_vector @@ ${tsquerySql(p)}`);
    const number = /^#?(\d{1,12})$/.exec(text);
    if (number) alternatives.push(`t.number = ${add(Number(number[1]))}`);
    if (text.includes('@')) {
      alternatives.push(`t.requester_id IN (SELECT ri.requester_id FROM requester_identities ri
        WHERE ri.kind = 'email' AND ri.value = ${add(text.toLowerCase())})`);
    }
    where.push(`(${alternatives.join(' OR ')})`);
    rankExpr = `ts_rank_cd(${agentSearch ? 't.search_vector || t.internal_search_vector' : 't.search_vector'}, ${tsquerySql(p)})`;
  }
  return { where, rankExpr };
}

/**
 * Lists tickets with filters, full-text search, visibility scope and keyset pagination. A search text that is a
 * ticket number (#1042) or a requester's email address also finds that ticket. Each ticket's requester (name,
 * email) is joined onto the page only, after the limit, so it costs one index probe per listed row.
 */
export async function listTickets(sql: Sql, q: TicketListQuery): Promise<TicketListPage> {
  const params: unknown[] = [];
  const add: AddParam = (value) => {
    params.push(value);
    return `$${params.length}`;
  };
  const { where, rankExpr } = filterConditions(q.filters, q.scope, params);

  const sortExpr: Record<TicketSortField, string> = {
    updated_at: 't.updated_at',
    created_at: 't.created_at',
    priority: 't.priority',
    number: 't.number',
    relevance: rankExpr,
    // A far-future stand-in for "no running deadline" keeps the keyset comparison free of NULLs.
    sla_due: `coalesce(t.sla_due_at, '9999-12-31T00:00:00Z'::timestamptz)`,
  };
  const sortCol = sortExpr[q.sort];
  // Priority P1 sorts first in "desc" (most urgent first), so its text order is inverted.
  const dir = q.sort === 'priority' ? (q.direction === 'desc' ? 'ASC' : 'DESC') : q.direction.toUpperCase();
  const cmp = dir === 'DESC' ? '<' : '>';
  if (q.after) {
    const cast = { updated_at: 'timestamptz', created_at: 'timestamptz', priority: 'text', number: 'bigint', relevance: 'real', sla_due: 'timestamptz' }[q.sort];
    where.push(`(${sortCol}, t.id) ${cmp} (${add(q.after[0])}::${cast}, ${add(q.after[1])}::uuid)`);
  }
  const limit = add(q.limit + 1);
  const rows = await sql.query<TicketRow & { sort_value: unknown; requester_name: string; requester_email: string | null }>(
    `SELECT p.*, rq.name AS requester_name, ${REQUESTER_EMAIL_SQL('p.requester_id')} AS requester_email
     FROM (
       SELECT ${TICKET_COLUMNS.split(',').map((c) => `t.${c.trim()}`).join(', ')}, ${sortCol} AS sort_value
       FROM tickets t ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${sortCol} ${dir}, t.id ${dir} LIMIT ${limit}
     ) p JOIN requesters rq ON rq.id = p.requester_id
     ORDER BY p.sort_value ${dir}, p.id ${dir}`,
    params,
  );
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const lastRow = page[page.length - 1];
  const sortValue = (v: unknown): string | number => (v instanceof Date ? v.toISOString() : (v as string | number));
  return {
    tickets: page.map(ticketFromRow),
    requesters: new Map(page.map((r) => [r.requester_id, { id: r.requester_id, name: r.requester_name, email: r.requester_email }])),
    last: more && lastRow ? [sortValue(lastRow.sort_value), lastRow.id] : null,
  };
}
