/**
 * The people of a benchmark help desk: teams, agents (with API tokens for the HTTP runs), organizations,
 * requesters with email identities, and a category tree. Teams, agents and tokens go through the store layer;
 * the thousands of requesters go in batched multi-row INSERTs shaped like store/requesters.ts writes them.
 */
import { v7 as uuidv7 } from 'uuid';
import type { TokenScope } from '../src/domain/principal.js';
import { hashPassword } from '../src/security/passwords.js';
import { hashSecret, newApiToken } from '../src/security/secrets.js';
import { insertAgent, type AgentRow } from '../src/store/agents.js';
import type { Database, Sql } from '../src/store/db.js';
import { normalizeIdentity } from '../src/store/requesters.js';
import { insertTeam } from '../src/store/teams.js';
import { insertToken } from '../src/store/tokens.js';
import { FIRST_NAMES, LAST_NAMES, pick } from './corpus.js';

export const BENCH_PASSWORD = 'bench-password-0123';

const TEAMS = ['Support N1', 'Réseau', 'Postes de travail', 'Messagerie', 'Sécurité', 'Applications', 'Téléphonie', 'Achats'];
const CATEGORIES: ReadonlyArray<[string, string, string[]]> = [
  ['Matériel', 'Hardware', ['Imprimantes', 'Portables', 'Écrans']],
  ['Réseau', 'Network', ['VPN', 'Wi-Fi', 'Partages']],
  ['Comptes', 'Accounts', ['Mots de passe', 'Accès', 'Nouveaux arrivants']],
  ['Logiciels', 'Software', ['Bureautique', 'Métier', 'Mises à jour']],
  ['Messagerie', 'Email', ['Outlook', 'Boîtes partagées']],
  ['Sécurité', 'Security', ['Hameçonnage', 'Antivirus']],
];

export interface Team {
  id: string;
  name: string;
  agentIds: string[];
}

export interface People {
  teams: Team[];
  agent: AgentRow;
  manager: AgentRow;
  /** API tokens (Bearer) of an agent of the first team and of a manager. */
  agentToken: string;
  managerToken: string;
  requesters: Array<{ id: string; organizationId: string | null }>;
  categoryIds: string[];
}

/** Multi-row INSERT of `rows` (each an array of values), in chunks that stay under the 65,535-parameter limit. */
export async function insertRows(sql: Sql, table: string, columns: readonly string[], rows: unknown[][], casts: Record<string, string> = {}) {
  const perChunk = Math.floor(60_000 / columns.length);
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const slots = row.map((v, i) => {
        params.push(v);
        const cast = casts[columns[i]!];
        return cast ? `$${params.length}::${cast}` : `$${params.length}`;
      });
      return `(${slots.join(', ')})`;
    });
    await sql.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}

async function token(db: Database, agentId: string, scopes: TokenScope[], at: Date): Promise<string> {
  const secret = newApiToken();
  await insertToken(db, {
    id: uuidv7(), agent_id: agentId, name: 'bench', prefix: secret.slice(0, 8), token_hash: hashSecret(secret),
    scopes, created_at: at, expires_at: null,
  });
  return secret;
}

export async function createPeople(db: Database, r: () => number, opts: { requesters: number; since: Date }): Promise<People> {
  const at = opts.since;
  const hash = await hashPassword(BENCH_PASSWORD);
  const teams: Team[] = [];
  for (const name of TEAMS) {
    const t = await insertTeam(db, { id: uuidv7(), name, description: '', createdAt: at });
    teams.push({ id: t.id, name, agentIds: [] });
  }
  const newAgent = (n: number, role: 'agent' | 'manager' | 'admin', teamIds: string[]) =>
    insertAgent(db, {
      id: uuidv7(), name: `${pick(r, FIRST_NAMES)} ${pick(r, LAST_NAMES)}`, email: `agent${n}@bench.relais.test`,
      passwordHash: hash, role, tier: n % 5 === 0 ? 'L2' : 'L1', language: n % 3 === 0 ? 'en' : 'fr',
      timeZone: 'Europe/Paris', teamIds, createdAt: at,
    });
  let n = 0;
  for (const team of teams) {
    for (let i = 0; i < 5; i++) team.agentIds.push((await newAgent(++n, 'agent', [team.id])).id);
  }
  const agent = (await newAgent(++n, 'agent', [teams[0]!.id]))!;
  teams[0]!.agentIds.push(agent.id);
  const manager = await newAgent(++n, 'manager', teams.map((t) => t.id));
  await newAgent(++n, 'admin', []);
  const scopes: TokenScope[] = ['tickets:read', 'tickets:write', 'directory:read', 'directory:write'];
  const agentToken = await token(db, agent.id, scopes, at);
  const managerToken = await token(db, manager.id, scopes, at);

  const orgIds: string[] = [];
  const orgRows: unknown[][] = [];
  for (let i = 0; i < Math.max(1, Math.floor(opts.requesters / 25)); i++) {
    const id = uuidv7();
    orgIds.push(id);
    orgRows.push([id, `Client ${i + 1}`, `client${i + 1}.example`, at, at]);
  }
  const categoryIds: string[] = [];
  const categoryRows: unknown[][] = [];
  for (const [fr, en, children] of CATEGORIES) {
    const root = uuidv7();
    categoryRows.push([root, null, fr, en, `/${root}/`, at]);
    for (const child of children) {
      const id = uuidv7();
      categoryIds.push(id);
      categoryRows.push([id, root, child, child, `/${root}/${id}/`, at]);
    }
  }
  const requesters: People['requesters'] = [];
  const requesterRows: unknown[][] = [];
  const identityRows: unknown[][] = [];
  for (let i = 0; i < opts.requesters; i++) {
    const id = uuidv7();
    const organizationId = r() < 0.7 ? pick(r, orgIds) : null;
    requesters.push({ id, organizationId });
    const first = pick(r, FIRST_NAMES);
    const last = pick(r, LAST_NAMES);
    requesterRows.push([id, `${first} ${last}`, organizationId, r() < 0.6 ? 'fr' : 'en', 'Europe/Paris', null, at, at]);
    const email = normalizeIdentity('email', `${first}.${last}.${i}@client.example`.normalize('NFD').replace(/\p{M}/gu, ''));
    identityRows.push([uuidv7(), id, 'email', email, true, at]);
  }
  await db.tx(async (sql) => {
    await insertRows(sql, 'organizations', ['id', 'name', 'domain', 'created_at', 'updated_at'], orgRows);
    await insertRows(sql, 'categories', ['id', 'parent_id', 'name_fr', 'name_en', 'path', 'created_at'], categoryRows);
    await insertRows(sql, 'requesters', ['id', 'name', 'organization_id', 'language', 'time_zone', 'password_hash', 'created_at', 'updated_at'], requesterRows);
    await insertRows(sql, 'requester_identities', ['id', 'requester_id', 'kind', 'value', 'is_primary', 'created_at'], identityRows);
  });
  return { teams, agent, manager, agentToken, managerToken, requesters, categoryIds };
}
