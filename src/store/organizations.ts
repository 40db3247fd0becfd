import type { Sql } from './db.js';
import { updateRow } from './update-row.js';

export interface OrganizationRow {
  id: string;
  name: string;
  domain: string | null;
  requesters_see_org_tickets: boolean;
  created_at: Date;
  updated_at: Date;
  requester_count: number;
}

export interface NewOrganization {
  id: string;
  name: string;
  domain: string | null;
  requestersSeeOrgTickets: boolean;
  createdAt: Date;
}

export interface OrganizationPatch {
  name?: string;
  domain?: string | null;
  requestersSeeOrgTickets?: boolean;
}

const ORG_SELECT = `SELECT o.id, o.name, o.domain, o.requesters_see_org_tickets, o.created_at, o.updated_at,
  (SELECT count(*) FROM requesters r WHERE r.organization_id = o.id)::int AS requester_count
  FROM organizations o`;

export async function insertOrganization(sql: Sql, o: NewOrganization): Promise<OrganizationRow> {
  await sql.query(
    `INSERT INTO organizations (id, name, domain, requesters_see_org_tickets, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $5)`,
    [o.id, o.name, o.domain, o.requestersSeeOrgTickets, o.createdAt],
  );
  return (await findOrganization(sql, o.id))!;
}

export async function findOrganization(sql: Sql, id: string): Promise<OrganizationRow | undefined> {
  return sql.one<OrganizationRow>(`${ORG_SELECT} WHERE o.id = $1`, [id]);
}

/** Names are unique ignoring case and accents (unaccent first: lower() leaves É alone under the C locale). */
export async function findOrganizationByName(sql: Sql, name: string): Promise<OrganizationRow | undefined> {
  return sql.one<OrganizationRow>(`${ORG_SELECT} WHERE lower(unaccent(o.name)) = lower(unaccent($1)) LIMIT 1`, [name]);
}

/** Organizations by name, keyset-paginated on (name, id); `q` matches the name or the domain. */
export async function listOrganizations(
  sql: Sql,
  q: { q?: string; after: [string, string] | null; limit: number },
): Promise<OrganizationRow[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (q.q) {
    params.push(`%${escapeLike(q.q)}%`);
    where.push(`(unaccent(o.name) ILIKE unaccent($${params.length}) OR o.domain ILIKE $${params.length})`);
  }
  if (q.after) {
    params.push(q.after[0], q.after[1]);
    where.push(`(o.name, o.id) > ($${params.length - 1}, $${params.length}::uuid)`);
  }
  params.push(q.limit);
  return sql.query<OrganizationRow>(
    `${ORG_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY o.name, o.id LIMIT $${params.length}`,
    params,
  );
}

export async function updateOrganization(sql: Sql, id: string, patch: OrganizationPatch, at: Date): Promise<OrganizationRow> {
  await updateRow(sql, 'organizations', id, at, {
    name: patch.name,
    domain: patch.domain,
    requesters_see_org_tickets: patch.requestersSeeOrgTickets,
  });
  return (await findOrganization(sql, id))!;
}

/** Escapes LIKE wildcards so that a search for `50%` means the characters, not a pattern. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Locks the organization's row for the transaction and returns it. */
export async function lockOrganization(sql: Sql, id: string): Promise<OrganizationRow | undefined> {
  await sql.query('SELECT 1 FROM organizations WHERE id = $1 FOR UPDATE', [id]);
  return findOrganization(sql, id);
}
