import type { NotifyRecipient } from '../domain/automation/actions.js';
import type { Sql } from './db.js';

export interface NotificationRow {
  id: string;
  agent_id: string;
  ticket_id: string | null;
  ticket_number: number | null;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

export interface NotifyTarget {
  id: string;
  name: string;
  email: string;
  language: string;
  /** Why this agent: assignee, team_lead, team, managers or named. */
  as: string;
}

/**
 * The active agents a notification reaches, each once (the first role that named them wins): the ticket's
 * assignee, its team's lead (while a member of it), its team's members, the managers of its team (every manager when it has no team)
 * and agents named by id.
 */
export async function findNotifyTargets(
  sql: Sql,
  q: { teamId: string | null; assigneeId: string | null; recipients: readonly NotifyRecipient[]; agentIds: readonly string[] },
): Promise<NotifyTarget[]> {
  return sql.query<NotifyTarget>(
    `WITH wanted AS (
       SELECT $2::uuid AS id, 'assignee' AS as_, 1 AS ord WHERE 'assignee' = ANY($3::text[])
       -- A lead who has since left the team is no longer its lead.
       UNION ALL SELECT t.lead_id, 'team_lead', 2 FROM teams t JOIN agent_teams m ON m.team_id = t.id AND m.agent_id = t.lead_id
         WHERE t.id = $1 AND 'team_lead' = ANY($3::text[])
       UNION ALL SELECT at.agent_id, 'team', 3 FROM agent_teams at WHERE at.team_id = $1 AND 'team' = ANY($3::text[])
       UNION ALL SELECT a.id, 'managers', 4 FROM agents a
         WHERE a.role = 'manager' AND 'managers' = ANY($3::text[])
           AND ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM agent_teams x WHERE x.agent_id = a.id AND x.team_id = $1))
       UNION ALL SELECT unnest($4::uuid[]), 'named', 5
     )
     SELECT DISTINCT ON (a.id) a.id, a.name, a.email, a.language, w.as_ AS "as"
     FROM wanted w JOIN agents a ON a.id = w.id AND a.active
     ORDER BY a.id, w.ord`,
    [q.teamId, q.assigneeId, [...q.recipients], [...q.agentIds]],
  );
}

export interface NewNotification {
  id: string;
  agentId: string;
  ticketId: string | null;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

export async function insertNotification(sql: Sql, n: NewNotification): Promise<void> {
  await sql.query(
    `INSERT INTO notifications (id, agent_id, ticket_id, kind, title, body, data, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [n.id, n.agentId, n.ticketId, n.kind, n.title, n.body, JSON.stringify(n.data), n.createdAt],
  );
}

/** An agent's notifications, newest first, keyset-paged by (created_at, id). */
export async function listNotifications(
  sql: Sql,
  agentId: string,
  q: { unreadOnly: boolean; limit: number; before?: { createdAt: Date; id: string } },
): Promise<NotificationRow[]> {
  const params: unknown[] = [agentId, q.limit];
  let where = 'n.agent_id = $1';
  if (q.unreadOnly) where += ' AND n.read_at IS NULL';
  if (q.before) {
    params.push(q.before.createdAt, q.before.id);
    where += ` AND (n.created_at, n.id) < ($3, $4)`;
  }
  return sql.query<NotificationRow>(
    `SELECT n.*, t.number::int AS ticket_number FROM notifications n LEFT JOIN tickets t ON t.id = n.ticket_id
     WHERE ${where} ORDER BY n.created_at DESC, n.id DESC LIMIT $2`,
    params,
  );
}

export async function countUnread(sql: Sql, agentId: string): Promise<number> {
  const row = await sql.one<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE agent_id = $1 AND read_at IS NULL', [agentId]);
  return row?.n ?? 0;
}

/** Marks the agent's notifications read (some ids, or all); returns how many changed. */
export async function markRead(sql: Sql, agentId: string, ids: readonly string[] | 'all', at: Date): Promise<number> {
  const rows = ids === 'all'
    ? await sql.query<{ id: string }>('UPDATE notifications SET read_at = $2 WHERE agent_id = $1 AND read_at IS NULL RETURNING id', [agentId, at])
    : await sql.query<{ id: string }>(
      'UPDATE notifications SET read_at = $3 WHERE agent_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL RETURNING id',
      [agentId, [...ids], at],
    );
  return rows.length;
}
