/**
 * Factories for tests: build people and tickets through the store and use cases, never through fixture dumps.
 */
import type { AgentPrincipal, AgentRole, TokenScope } from '../../src/domain/principal.js';
import type { Tier } from '../../src/domain/ticket.js';
import { hashPassword } from '../../src/security/passwords.js';
import { hashSecret, newApiToken } from '../../src/security/secrets.js';
import { insertAgent, type AgentRow } from '../../src/store/agents.js';
import { insertRequester, type RequesterRow } from '../../src/store/requesters.js';
import { insertTeam, type TeamRow } from '../../src/store/teams.js';
import { insertToken } from '../../src/store/tokens.js';
import { createTicket, type CreateTicketInput } from '../../src/usecases/create-ticket.js';
import type { Deps } from '../../src/usecases/deps.js';

let seq = 0;
const next = () => ++seq;

export const TEST_PASSWORD = 'correct horse battery';
let cachedHash: string | null = null;
const passwordHash = async () => (cachedHash ??= await hashPassword(TEST_PASSWORD));

export async function buildTeam(deps: Deps, name = `Team ${next()}`): Promise<TeamRow> {
  return insertTeam(deps.db, { id: deps.newId(), name, description: '', createdAt: deps.clock.now() });
}

export interface BuiltAgent {
  agent: AgentRow;
  token: string;
  principal: AgentPrincipal;
}

export async function buildAgent(
  deps: Deps,
  opts: { role?: AgentRole; teamIds?: string[]; tier?: Tier; scopes?: TokenScope[]; email?: string; name?: string } = {},
): Promise<BuiltAgent> {
  const n = next();
  const agent = await insertAgent(deps.db, {
    id: deps.newId(),
    name: opts.name ?? `Agent ${n}`,
    email: opts.email ?? `agent${n}@relais.test`,
    passwordHash: await passwordHash(),
    role: opts.role ?? 'agent',
    tier: opts.tier ?? 'L1',
    language: 'fr',
    timeZone: 'Europe/Paris',
    teamIds: opts.teamIds ?? [],
    createdAt: deps.clock.now(),
  });
  const token = newApiToken();
  const scopes: TokenScope[] = opts.scopes ?? ['tickets:read', 'tickets:write', 'directory:read', 'directory:write', 'admin', 'inbound:email'];
  await insertToken(deps.db, {
    id: deps.newId(), agent_id: agent.id, name: 'test', prefix: token.slice(0, 8), token_hash: hashSecret(token),
    scopes, created_at: deps.clock.now(), expires_at: null,
  });
  return {
    agent,
    token,
    principal: { kind: 'agent', id: agent.id, role: agent.role, teamIds: agent.team_ids, scopes: null, via: 'session' },
  };
}

export async function buildRequester(
  deps: Deps,
  opts: { organizationId?: string | null; email?: string; withPassword?: boolean } = {},
): Promise<RequesterRow & { email: string }> {
  const n = next();
  const email = opts.email ?? `requester${n}@client.test`;
  const r = await insertRequester(
    deps.db,
    {
      id: deps.newId(), name: `Requester ${n}`, organization_id: opts.organizationId ?? null, language: 'fr',
      time_zone: 'Europe/Paris', password_hash: opts.withPassword === false ? null : await passwordHash(),
      created_at: deps.clock.now(),
    },
    [{ id: deps.newId(), kind: 'email', value: email, isPrimary: true }],
  );
  return { ...r, email };
}

/** Creates a ticket as `by` (an agent) for `requesterId`. */
export async function buildTicket(deps: Deps, by: AgentPrincipal, requesterId: string, input: Partial<CreateTicketInput> = {}) {
  const { ticket } = await createTicket(deps, by, { subject: `Ticket ${next()}`, requesterId, ...input });
  return ticket;
}

/** Signs in through the API as anyone with TEST_PASSWORD; returns the headers of a cookie session (with CSRF). */
export async function signIn(
  app: { inject(opts: { method: 'POST'; url: string; payload: object }): PromiseLike<{ statusCode: number; json(): { csrf_token: string }; cookies: Array<{ name: string; value: string }> }> },
  email: string,
): Promise<Record<string, string>> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: TEST_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return { cookie, 'x-csrf-token': res.json().csrf_token };
}
