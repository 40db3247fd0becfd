import type { TicketAction } from '../domain/automation/actions.js';
import type { RuleConditions } from '../domain/automation/conditions.js';
import type { AutomationKind, ReferenceKind, RuleTiming, TimingSince } from '../domain/automation/rule.js';
import type { Ticket } from '../domain/ticket.js';
import type { ActorKind, TimelineKind } from '../domain/timeline.js';
import type { Sql } from './db.js';
import { TICKET_COLUMNS, ticketFromRow, type TicketRow } from './rows.js';

export interface AutomationRow {
  id: string;
  name: string;
  kind: AutomationKind;
  position: number;
  active: boolean;
  events: string[];
  conditions: RuleConditions;
  timing: RuleTiming | null;
  actions: TicketAction[];
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface AutomationFields {
  name: string;
  kind: AutomationKind;
  active: boolean;
  events: string[];
  conditions: RuleConditions;
  timing: RuleTiming | null;
  actions: TicketAction[];
}

const json = (v: unknown) => (v === null ? null : JSON.stringify(v));

/** A new rule goes last in the order. */
export async function insertAutomation(sql: Sql, a: AutomationFields & { id: string; createdBy: string | null; createdAt: Date }) {
  const row = await sql.one<AutomationRow>(
    `INSERT INTO automations (id, name, kind, position, active, events, conditions, timing, actions, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, (SELECT coalesce(max(position), 0) + 1 FROM automations), $4, $5, $6, $7, $8, $9, $10, $10)
     RETURNING *`,
    [a.id, a.name, a.kind, a.active, a.events, json(a.conditions), json(a.timing), json(a.actions), a.createdBy, a.createdAt],
  );
  return row!;
}

/** Rules in the order they run (position, then age for rules that share one). */
export async function listAutomations(sql: Sql, q: { kind?: AutomationKind; activeOnly?: boolean } = {}): Promise<AutomationRow[]> {
  return sql.query<AutomationRow>(
    `SELECT * FROM automations WHERE ($1::text IS NULL OR kind = $1) AND (NOT $2::boolean OR active)
     ORDER BY position, created_at, id`,
    [q.kind ?? null, q.activeOnly ?? false],
  );
}

export async function findAutomation(sql: Sql, id: string, forUpdate = false): Promise<AutomationRow | undefined> {
  return sql.one<AutomationRow>(`SELECT * FROM automations WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
}

/**
 * A rule with the same name, ignoring case and accents: stricter than the unique index (lower(name)), since
 * lower() leaves É alone under the C locale and "Clôture" / "CLOTURE" are the same rule to people.
 */
export async function findAutomationByName(sql: Sql, name: string): Promise<AutomationRow | undefined> {
  return sql.one<AutomationRow>('SELECT * FROM automations WHERE lower(unaccent(name)) = lower(unaccent($1)) LIMIT 1', [name]);
}

export async function updateAutomation(sql: Sql, id: string, a: AutomationFields, at: Date): Promise<AutomationRow> {
  const row = await sql.one<AutomationRow>(
    `UPDATE automations SET name = $2, kind = $3, active = $4, events = $5, conditions = $6, timing = $7, actions = $8,
       updated_at = $9 WHERE id = $1 RETURNING *`,
    [id, a.name, a.kind, a.active, a.events, json(a.conditions), json(a.timing), json(a.actions), at],
  );
  return row!;
}

/** Deletes a rule; its runs go with it (ON DELETE CASCADE). */
export async function deleteAutomation(sql: Sql, id: string): Promise<void> {
  await sql.query('DELETE FROM automations WHERE id = $1', [id]);
}

/** Locks every rule (id order, so two reorders cannot deadlock) and returns their ids. */
export async function lockAllAutomations(sql: Sql): Promise<string[]> {
  return (await sql.query<{ id: string }>('SELECT id FROM automations ORDER BY id FOR UPDATE')).map((r) => r.id);
}

/** Positions 1…n in the order of `ids`. */
export async function setAutomationOrder(sql: Sql, ids: readonly string[], at: Date): Promise<void> {
  await sql.query(
    `UPDATE automations a SET position = o.n, updated_at = $2
     FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, n) WHERE a.id = o.id AND a.position <> o.n`,
    [ids, at],
  );
}

/** Names of referenced rows by kind (missing ids are simply absent), for existence checks and explanations. */
export async function findReferenceNames(sql: Sql, ids: Partial<Record<ReferenceKind, readonly string[]>>) {
  const arg = (k: ReferenceKind) => [...new Set(ids[k] ?? [])];
  return sql.query<{ kind: ReferenceKind; id: string; name: string }>(
    `SELECT 'team' AS kind, id, name FROM teams WHERE id = ANY($1::uuid[])
     UNION ALL SELECT 'agent', id, name FROM agents WHERE id = ANY($2::uuid[])
     UNION ALL SELECT 'category', id, name_en FROM categories WHERE id = ANY($3::uuid[])
     UNION ALL SELECT 'organization', id, name FROM organizations WHERE id = ANY($4::uuid[])
     UNION ALL SELECT 'calendar', id, name FROM calendars WHERE id = ANY($5::uuid[])`,
    [arg('team'), arg('agent'), arg('category'), arg('organization'), arg('calendar')],
  );
}

// The event outbox (automation_events, filled by a trigger on timeline_entries).

export interface AutomationEventRow {
  seq: number;
  ticket_id: string;
  entry_id: string;
  kind: TimelineKind;
  actor_kind: ActorKind;
  created_at: Date;
}

/**
 * With no active event rule nothing will ever read the queue: empty it in one statement (the test and the delete
 * together, so a rule activated meanwhile keeps the events queued after it). Returns how many were dropped.
 */
export async function dropEventsWithoutRules(sql: Sql): Promise<number> {
  const rows = await sql.query<{ n: number }>(
    `WITH gone AS (DELETE FROM automation_events
       WHERE NOT EXISTS (SELECT 1 FROM automations WHERE kind = 'event' AND active) RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * Takes the oldest queued events, removing them in the caller's transaction: a commit means they were handled,
 * a rollback puts them back. SKIP LOCKED lets several workers take different batches at once.
 */
export async function takeAutomationEvents(sql: Sql, limit: number): Promise<AutomationEventRow[]> {
  const rows = await sql.query<AutomationEventRow>(
    `DELETE FROM automation_events WHERE seq IN (
       SELECT seq FROM automation_events ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED
     ) RETURNING *`,
    [limit],
  );
  return rows.sort((a, b) => a.seq - b.seq);
}

/** A deadlock or serialization failure (SQLSTATE class 40): the cure is to run the whole transaction again. */
export function isRetryableDbError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('40');
}

/** Runs `fn` inside a savepoint: when it throws, only its own writes are undone and the error is handed back. */
export async function inSavepoint<T>(sql: Sql, fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  await sql.query('SAVEPOINT automation_step');
  try {
    const value = await fn();
    await sql.query('RELEASE SAVEPOINT automation_step');
    return { ok: true, value };
  } catch (error) {
    await sql.query('ROLLBACK TO SAVEPOINT automation_step');
    await sql.query('RELEASE SAVEPOINT automation_step');
    return { ok: false, error };
  }
}

// Tickets as rules see them.

/** What a rule needs besides the ticket: the category path (ids, root first), the requester's language. */
export interface TicketFacts {
  statusChangedAt: Date;
  categoryIds: string[];
  requesterLanguage: string | null;
}

const FACTS_SQL = `status_changed_at,
  (SELECT path FROM categories c WHERE c.id = t.category_id) AS category_path,
  (SELECT language FROM requesters r WHERE r.id = t.requester_id) AS requester_language`;

type FactsRow = TicketRow & { status_changed_at: Date; category_path: string | null; requester_language: string | null };

const factsOf = (r: FactsRow): TicketFacts => ({
  statusChangedAt: r.status_changed_at,
  categoryIds: (r.category_path ?? '').split('/').filter(Boolean),
  requesterLanguage: r.requester_language,
});

export interface TicketWithFacts {
  ticket: Ticket;
  facts: TicketFacts;
}

/**
 * Loads a ticket with its facts. `lock`: 'update' waits for the row; 'skip' returns null when another
 * transaction holds it (the time sweep moves on and comes back at its next pass).
 */
export async function findTicketWithFacts(sql: Sql, id: string, lock: 'none' | 'update' | 'skip' = 'none') {
  const suffix = lock === 'update' ? ' FOR UPDATE OF t' : lock === 'skip' ? ' FOR UPDATE OF t SKIP LOCKED' : '';
  const row = await sql.one<FactsRow>(`SELECT ${TICKET_COLUMNS}, ${FACTS_SQL} FROM tickets t WHERE t.id = $1${suffix}`, [id]);
  return row ? { ticket: ticketFromRow(row), facts: factsOf(row) } : null;
}

const SINCE_COLUMN: Record<TimingSince, string> = { status_changed: 'status_changed_at', created: 'created_at', updated: 'updated_at' };
/** The run key of an episode: the instant its watched state began, as JavaScript's toISOString() writes it. */
const keySql = (expr: string) => `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export interface TimeCandidatesQuery {
  automationId: string;
  since: TimingSince;
  /** Only tickets whose watched state began at or before this instant (business time never exceeds wall time). */
  startedBefore: Date;
  statuses?: string[] | undefined;
  priorities?: string[] | undefined;
  teamIds?: Array<string | null> | undefined;
  afterId: string | null;
  limit: number;
}

/**
 * Tickets a time rule may apply to, in id pages: not closed nor merged, in the state long enough by the wall
 * clock, matching what the rule's conditions let the database filter, and without a run for this episode yet.
 */
export async function findTimeCandidates(sql: Sql, q: TimeCandidatesQuery): Promise<TicketWithFacts[]> {
  const col = `t.${SINCE_COLUMN[q.since]}`;
  const teams = q.teamIds?.filter((x): x is string => x !== null) ?? null;
  const rows = await sql.query<FactsRow>(
    `SELECT ${TICKET_COLUMNS}, ${FACTS_SQL} FROM tickets t
     WHERE t.status <> 'closed' AND t.merged_into_id IS NULL AND ${col} <= $2
       AND ($3::text[] IS NULL OR t.status = ANY($3::text[]))
       AND ($4::text[] IS NULL OR t.priority = ANY($4::text[]))
       AND ($5::uuid[] IS NULL OR t.team_id = ANY($5::uuid[]) OR ($6::boolean AND t.team_id IS NULL))
       AND ($7::uuid IS NULL OR t.id > $7::uuid)
       AND NOT EXISTS (SELECT 1 FROM automation_runs ar
         WHERE ar.automation_id = $1 AND ar.ticket_id = t.id AND ar.key = ${keySql(col)})
     ORDER BY t.id LIMIT $8`,
    [q.automationId, q.startedBefore, q.statuses ?? null, q.priorities ?? null, q.teamIds ? teams : null,
      q.teamIds?.includes(null) ?? false, q.afterId, q.limit],
  );
  return rows.map((r) => ({ ticket: ticketFromRow(r), facts: factsOf(r) }));
}

/** Records that a rule ran for a ticket's episode; false when it already had (another process, an earlier pass). */
export async function insertAutomationRun(sql: Sql, r: { automationId: string; ticketId: string; since: Date; ranAt: Date }) {
  const rows = await sql.query(
    `INSERT INTO automation_runs (automation_id, ticket_id, key, ran_at) VALUES ($1, $2, ${keySql('$3::timestamptz')}, $4)
     ON CONFLICT DO NOTHING RETURNING key`,
    [r.automationId, r.ticketId, r.since, r.ranAt],
  );
  return rows.length === 1;
}

export async function automationRunExists(sql: Sql, r: { automationId: string; ticketId: string; since: Date }) {
  const row = await sql.one(
    `SELECT 1 AS x FROM automation_runs WHERE automation_id = $1 AND ticket_id = $2 AND key = ${keySql('$3::timestamptz')}`,
    [r.automationId, r.ticketId, r.since],
  );
  return row !== undefined;
}

/** The latest timeline entry of a kind on a ticket (the rule test reads the event it would have seen). */
export async function findLatestEntryOfKind(sql: Sql, ticketId: string, kind: string) {
  return sql.one<{ id: string; body: string | null; actor_kind: ActorKind }>(
    'SELECT id, body, actor_kind FROM timeline_entries WHERE ticket_id = $1 AND kind = $2 ORDER BY seq DESC LIMIT 1',
    [ticketId, kind],
  );
}

/** Forgets every queued event (the demo seeding's history is not news to event rules). */
export async function discardAutomationEvents(sql: Sql): Promise<void> {
  await sql.query('DELETE FROM automation_events');
}
