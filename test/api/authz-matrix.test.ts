/**
 * THE AUTHORIZATION MATRIX. Every route the app registers must have a row in MATRIX below (the test fails
 * otherwise, naming the route), and every row is called as every role: the roles in `allow` must succeed,
 * anonymous callers must get 401 and everyone else 403 or 404.
 *
 * Adding a route: add a row keyed "METHOD /url" exactly as registered (e.g. "POST /api/v1/tickets/:id/notes"),
 * with `allow` built from the role groups and a `request` that makes the call succeed for an allowed role.
 * Requests that change state build fresh fixtures (see `freshTicket`) so that calls stay independent.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Ticket } from '../../src/domain/ticket.js';
import { buildAgent, buildRequester, buildTeam, buildTicket, signIn, type BuiltAgent } from '../support/factories.js';
import { setAgentTeams } from '../../src/store/agents.js';
import { insertAttachment } from '../../src/store/email.js';
import { v7 as uuidv7 } from 'uuid';
import { fakeWebDir } from '../support/fake-web.js';
import { startTestApp, type TestApp } from '../support/harness.js';

// An onRoute collector on every Fastify instance the app builds: the list of routes comes from the app itself.
const registered = new Set<string>();
vi.mock('fastify', async (importOriginal) => {
  const mod = await importOriginal<typeof import('fastify')>();
  type Collecting = { addHook(name: 'onRoute', fn: (r: { method: string | string[]; url: string }) => void): unknown };
  const real = mod.default as unknown as (...args: unknown[]) => Collecting;
  const wrapped = (...args: unknown[]) => {
    const app = real(...args);
    app.addHook('onRoute', (r) => {
      for (const m of Array.isArray(r.method) ? r.method : [r.method]) registered.add(`${m} ${r.url}`);
    });
    return app;
  };
  return { ...mod, default: wrapped, fastify: wrapped };
});

const ROLES = [
  'anonymous', 'requester', 'otherRequester', 'orgRequester', 'agentInTeam', 'agentNotInTeam', 'manager', 'admin', 'readToken',
] as const;
type Role = (typeof ROLES)[number];

// Role groups, from the rules: requesters see their own tickets (+ their organization's when it shares them);
// agents their teams', their own and unrouted ones; managers and admins all. The read-only token belongs to an
// admin and carries tickets:read and directory:read.
const EVERYONE: readonly Role[] = ROLES;
const SIGNED_IN = ROLES.filter((r) => r !== 'anonymous');
const REQUESTERS: readonly Role[] = ['requester', 'otherRequester', 'orgRequester'];
const STAFF: readonly Role[] = ['agentInTeam', 'agentNotInTeam', 'manager', 'admin']; // agents with a session
const STAFF_READ: readonly Role[] = [...STAFF, 'readToken'];
const MANAGERS: readonly Role[] = ['manager', 'admin'];
const ADMIN: readonly Role[] = ['admin'];
/** Who sees ticket T (team A, opened by `requester` of an organization that shares tickets). */
const SEES_T: readonly Role[] = ['requester', 'orgRequester', 'agentInTeam', 'manager', 'admin', 'readToken'];
const WORKS_ON_T: readonly Role[] = ['agentInTeam', 'manager', 'admin'];

interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  payload?: object | Buffer;
  /** For bodies that are not JSON (a raw e-mail). */
  contentType?: string;
}
interface Row {
  label?: string;
  allow: readonly Role[];
  request(w: World, role: Role): Call | Promise<Call>;
  /** The call ends the caller's session: sign in again for it. */
  freshSession?: boolean;
  /** What counts as success when not 2xx (the docs answer some paths with a redirect). */
  okStatus?: readonly number[];
}

interface World {
  t: TestApp;
  teamA: string;
  requester: { id: string; email: string };
  victim: BuiltAgent;
  agents: Record<'agentInTeam' | 'agentNotInTeam' | 'manager' | 'admin', BuiltAgent>;
  ticket: Ticket;
  org: string;
  category: string;
  headers: Partial<Record<Role, Record<string, string>>>;
  emails: Record<Role, string | null>;
}

let n = 0;
const uniq = () => `${Date.now().toString(36)}${++n}`;
const freshTicket = (w: World) => buildTicket(w.t.deps, w.agents.admin.principal, w.requester.id, { teamId: w.teamA });
const adminCall = async (w: World, c: Call) =>
  w.t.app.inject({ ...c, headers: { authorization: `Bearer ${w.agents.admin.token}` } });
/** The agent acting for a role (the read-only token acts as its admin owner). */
const agentFor = (w: World, role: Role): BuiltAgent =>
  role === 'agentInTeam' || role === 'agentNotInTeam' || role === 'manager' || role === 'admin' ? w.agents[role] : w.agents.admin;
/** A saved view owned by `owner` (shared or private); its id. */
const viewOf = async (w: World, owner: BuiltAgent, shared: boolean): Promise<string> => {
  const res = await w.t.app.inject({
    method: 'POST', url: `${V1}/views`, headers: { authorization: `Bearer ${owner.token}` },
    payload: { name: `Vue ${uniq()}`, query: { status: 'open' }, shared },
  });
  return res.json().id;
};

/** A macro (personal of `owner`, or shared: created by the administrator); its id. */
const macroOf = async (w: World, owner: BuiltAgent, shared: boolean): Promise<string> => {
  const res = await w.t.app.inject({
    method: 'POST', url: `${V1}/macros`, headers: { authorization: `Bearer ${(shared ? w.agents.admin : owner).token}` },
    payload: { name: `Macro ${uniq()}`, body: { fr: 'Bonjour {{requester.first_name}}' }, actions: [{ type: 'add_tags', tags: ['matrice'] }], shared },
  });
  return res.json().id;
};

/** A public attachment on ticket T's creation entry (what a requester may download); its id. */
let tAttachment: string | null = null;
const attachmentOnT = async (w: World): Promise<string> => {
  if (tAttachment) return tAttachment;
  const content = Buffer.from('journal de la matrice');
  const { sha256 } = await w.t.app.email.mail.blobs.put(content);
  const created = await w.t.db.one<{ id: string }>(
    "SELECT id FROM timeline_entries WHERE ticket_id = $1 AND kind = 'ticket.created'", [w.ticket.id]);
  const row = await insertAttachment(w.t.db, {
    id: uuidv7(), ticketId: w.ticket.id, timelineEntryId: created!.id, inboundMessageId: null, sha256, size: content.length,
    contentType: 'text/plain', filename: 'journal.txt', contentId: null, inline: false, visibility: 'public',
    uploadedByKind: 'requester', uploadedById: w.requester.id, createdAt: new Date(),
  });
  tAttachment = row.id;
  return row.id;
};

/** A stored message that failed to be filed (fresh each call: a retry puts it back in the queue); its id. */
const failedInbound = async (w: World): Promise<string> => {
  const raw = Buffer.from(`From: x@client.test\r\nSubject: Échec\r\nMessage-ID: <${uniq()}@client.test>\r\n\r\nx\r\n`);
  const { sha256 } = await w.t.app.email.mail.blobs.put(raw);
  const id = uuidv7();
  await w.t.db.query(
    `INSERT INTO inbound_messages (id, dedupe_key, raw_sha256, raw_size, source, status, error, received_at)
     VALUES ($1, $2, $3, $4, 'http', 'failed', 'test failure', now())`, [id, `sha:${id}`, sha256, raw.length]);
  return id;
};

const V1 = '/api/v1';
const MATRIX: Record<string, Row | Row[]> = {
  // System and documentation: public.
  'GET /health': { allow: EVERYONE, request: () => ({ method: 'GET', url: '/health' }) },
  'GET /metrics': { allow: EVERYONE, request: () => ({ method: 'GET', url: '/metrics' }) },
  'GET /api/v1/openapi.json': { allow: EVERYONE, request: () => ({ method: 'GET', url: `${V1}/openapi.json` }) },
  'GET /api/docs': { allow: EVERYONE, request: () => ({ method: 'GET', url: '/api/docs' }) },
  'HEAD /api/docs/': { allow: EVERYONE, request: () => ({ method: 'GET', url: '/api/docs/' }) },
  'GET /api/docs/json': { allow: EVERYONE, request: () => ({ method: 'GET', url: '/api/docs/json' }) },
  'GET /api/docs/yaml': { allow: EVERYONE, request: () => ({ method: 'GET', url: '/api/docs/yaml' }) },
  'GET /api/docs/static/index.html': { allow: EVERYONE, okStatus: [302], request: () => ({ method: 'GET', url: '/api/docs/static/index.html' }) },
  'GET /api/docs/static/swagger-initializer.js': { allow: EVERYONE, request: () => ({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' }) },
  'GET /api/docs/static/*': { allow: EVERYONE, request: () => ({ method: 'GET', url: '/api/docs/static/swagger-ui.css' }) },

  // The web app's pages and files (a stand-in build, see fakeWebDir): public, like any web page.
  'GET /*': { allow: EVERYONE, request: () => ({ method: 'GET', url: '/portal/tickets' }) },
  'GET /assets/*': { allow: EVERYONE, request: () => ({ method: 'GET', url: '/assets/console-abc123.js' }) },

  // Sign-in.
  'POST /api/v1/auth/login': {
    allow: EVERYONE,
    request: (w) => ({ method: 'POST', url: `${V1}/auth/login`, payload: { email: w.agents.manager.agent.email, password: 'correct horse battery' } }),
  },
  'POST /api/v1/auth/logout': { allow: SIGNED_IN, freshSession: true, request: () => ({ method: 'POST', url: `${V1}/auth/logout` }) },
  'GET /api/v1/auth/me': { allow: SIGNED_IN, request: () => ({ method: 'GET', url: `${V1}/auth/me` }) },

  // Tickets.
  'POST /api/v1/tickets': {
    allow: [...REQUESTERS, ...STAFF],
    request: (w, role) => ({
      method: 'POST', url: `${V1}/tickets`,
      payload: REQUESTERS.includes(role) ? { subject: 'Matrice' } : { subject: 'Matrice', requester_id: w.requester.id },
    }),
  },
  'GET /api/v1/tickets': { allow: SIGNED_IN, request: () => ({ method: 'GET', url: `${V1}/tickets` }) },
  'GET /api/v1/tickets/:id': { allow: SEES_T, request: (w) => ({ method: 'GET', url: `${V1}/tickets/${w.ticket.id}` }) },
  'PATCH /api/v1/tickets/:id': {
    allow: WORKS_ON_T,
    request: async (w) => ({ method: 'PATCH', url: `${V1}/tickets/${(await freshTicket(w)).id}`, payload: { tags: ['matrice'] } }),
  },
  'POST /api/v1/tickets/:id/status': {
    label: 'mark resolved (requesters: only their own ticket)',
    allow: ['requester', ...WORKS_ON_T],
    request: async (w) => ({ method: 'POST', url: `${V1}/tickets/${(await freshTicket(w)).id}/status`, payload: { status: 'resolved' } }),
  },
  'POST /api/v1/tickets/:id/assign': {
    allow: WORKS_ON_T,
    request: async (w) => ({
      method: 'POST', url: `${V1}/tickets/${(await freshTicket(w)).id}/assign`, payload: { assignee_id: w.agents.agentInTeam.agent.id },
    }),
  },
  'POST /api/v1/tickets/:id/replies': {
    allow: ['requester', 'orgRequester', ...WORKS_ON_T],
    request: async (w) => ({ method: 'POST', url: `${V1}/tickets/${(await freshTicket(w)).id}/replies`, payload: { body: 'Bonjour' } }),
  },
  'POST /api/v1/tickets/:id/notes': {
    allow: WORKS_ON_T,
    request: async (w) => ({ method: 'POST', url: `${V1}/tickets/${(await freshTicket(w)).id}/notes`, payload: { body: 'Note interne' } }),
  },
  'GET /api/v1/tickets/:id/timeline': { allow: SEES_T, request: (w) => ({ method: 'GET', url: `${V1}/tickets/${w.ticket.id}/timeline` }) },
  'POST /api/v1/tickets/:id/merge': {
    allow: WORKS_ON_T,
    request: async (w) => {
      const [source, survivor] = [await freshTicket(w), await freshTicket(w)];
      return { method: 'POST', url: `${V1}/tickets/${source.id}/merge`, payload: { into: survivor.id } };
    },
  },
  'POST /api/v1/tickets/:id/links': {
    allow: WORKS_ON_T,
    request: async (w) => {
      const [a, b] = [await freshTicket(w), await freshTicket(w)];
      return { method: 'POST', url: `${V1}/tickets/${a.id}/links`, payload: { kind: 'related', ticket: b.id } };
    },
  },
  'GET /api/v1/tickets/:id/links': {
    allow: [...WORKS_ON_T, 'readToken'],
    request: (w) => ({ method: 'GET', url: `${V1}/tickets/${w.ticket.id}/links` }),
  },
  'DELETE /api/v1/tickets/:id/links/:linkId': {
    allow: WORKS_ON_T,
    request: async (w) => {
      const [a, b] = [await freshTicket(w), await freshTicket(w)];
      const link = await adminCall(w, { method: 'POST', url: `${V1}/tickets/${a.id}/links`, payload: { kind: 'related', ticket: b.id } });
      return { method: 'DELETE', url: `${V1}/tickets/${a.id}/links/${link.json().id}` };
    },
  },

  // Queues and saved views: agents. A view is changed by its owner, or by an administrator when shared.
  'GET /api/v1/queues': { allow: STAFF_READ, request: () => ({ method: 'GET', url: `${V1}/queues` }) },
  'GET /api/v1/views': { allow: STAFF_READ, request: () => ({ method: 'GET', url: `${V1}/views` }) },
  'POST /api/v1/views': {
    allow: STAFF,
    request: () => ({ method: 'POST', url: `${V1}/views`, payload: { name: 'Mes urgences', query: { priority: 'P1,P2', assignee: 'me' } } }),
  },
  'PATCH /api/v1/views/:id': [
    {
      label: "the caller's own view",
      allow: STAFF,
      request: async (w, role) => ({ method: 'PATCH', url: `${V1}/views/${await viewOf(w, agentFor(w, role), false)}`, payload: { name: 'Renommée' } }),
    },
    {
      label: "another agent's shared view",
      allow: ADMIN,
      request: async (w) => ({ method: 'PATCH', url: `${V1}/views/${await viewOf(w, w.victim, true)}`, payload: { shared: false } }),
    },
  ],
  'DELETE /api/v1/views/:id': [
    {
      label: "the caller's own view",
      allow: STAFF,
      request: async (w, role) => ({ method: 'DELETE', url: `${V1}/views/${await viewOf(w, agentFor(w, role), false)}` }),
    },
    {
      label: "another agent's shared view",
      allow: ADMIN,
      request: async (w) => ({ method: 'DELETE', url: `${V1}/views/${await viewOf(w, w.victim, true)}` }),
    },
  ],

  // Macros: agents use the shared ones and their own; shared ones are managed by managers and administrators.
  'GET /api/v1/macros': { allow: STAFF_READ, request: () => ({ method: 'GET', url: `${V1}/macros` }) },
  'POST /api/v1/macros': [
    {
      label: 'a personal macro',
      allow: STAFF,
      request: () => ({ method: 'POST', url: `${V1}/macros`, payload: { name: `Perso ${uniq()}`, body: { fr: 'Bonjour' } } }),
    },
    {
      label: 'a shared macro',
      allow: MANAGERS,
      request: () => ({ method: 'POST', url: `${V1}/macros`, payload: { name: `Partagée ${uniq()}`, body: { fr: 'Bonjour' }, shared: true } }),
    },
  ],
  'GET /api/v1/macros/:id': { allow: STAFF_READ, request: async (w) => ({ method: 'GET', url: `${V1}/macros/${await macroOf(w, w.victim, true)}` }) },
  'PATCH /api/v1/macros/:id': [
    {
      label: "the caller's own macro",
      allow: STAFF,
      request: async (w, role) => ({ method: 'PATCH', url: `${V1}/macros/${await macroOf(w, agentFor(w, role), false)}`, payload: { name: `Renommée ${uniq()}` } }),
    },
    {
      label: 'a shared macro',
      allow: MANAGERS,
      request: async (w) => ({ method: 'PATCH', url: `${V1}/macros/${await macroOf(w, w.victim, true)}`, payload: { name: `Renommée ${uniq()}` } }),
    },
  ],
  'DELETE /api/v1/macros/:id': [
    {
      label: "the caller's own macro",
      allow: STAFF,
      request: async (w, role) => ({ method: 'DELETE', url: `${V1}/macros/${await macroOf(w, agentFor(w, role), false)}` }),
    },
    {
      label: 'a shared macro',
      allow: MANAGERS,
      request: async (w) => ({ method: 'DELETE', url: `${V1}/macros/${await macroOf(w, w.victim, true)}` }),
    },
  ],
  'POST /api/v1/tickets/:id/macros/:macroId/render': {
    allow: [...WORKS_ON_T, 'readToken'],
    request: async (w) => ({ method: 'POST', url: `${V1}/tickets/${w.ticket.id}/macros/${await macroOf(w, w.victim, true)}/render` }),
  },
  'POST /api/v1/tickets/:id/macros/:macroId/apply': {
    allow: WORKS_ON_T,
    request: async (w) => ({
      method: 'POST', url: `${V1}/tickets/${(await freshTicket(w)).id}/macros/${await macroOf(w, w.victim, true)}/apply`, payload: {},
    }),
  },

  // The realtime socket: every signed-in principal (what each hears is tested in test/realtime). Without an
  // upgrade the route answers 426; anonymous handshakes get 401 before any upgrade.
  'GET /api/v1/ws': { allow: SIGNED_IN, okStatus: [426], request: () => ({ method: 'GET', url: `${V1}/ws` }) },

  // E-mail: raw messages from an MTA (tokens with inbound:email, which only administrators hold), attachments of
  // tickets one can see (requesters: of public entries), followers (agents working on the ticket).
  'POST /api/v1/inbound/email': {
    allow: ADMIN,
    request: () => ({
      method: 'POST', url: `${V1}/inbound/email`, contentType: 'message/rfc822',
      payload: Buffer.from(`From: matrix-${uniq()}@client.test\r\nTo: support@relais.test\r\nSubject: Matrice\r\nMessage-ID: <${uniq()}@client.test>\r\n\r\nBonjour\r\n`),
    }),
  },
  'GET /api/v1/inbound-emails': { allow: [...MANAGERS, 'readToken'], request: () => ({ method: 'GET', url: `${V1}/inbound-emails` }) },
  'GET /api/v1/inbound-emails/:messageId/raw': {
    allow: ADMIN,
    request: async (w) => ({ method: 'GET', url: `${V1}/inbound-emails/${await failedInbound(w)}/raw` }),
  },
  'POST /api/v1/inbound-emails/:messageId/retry': {
    allow: ADMIN,
    request: async (w) => ({ method: 'POST', url: `${V1}/inbound-emails/${await failedInbound(w)}/retry` }),
  },
  'GET /api/v1/tickets/:id/attachments/:attachmentId': {
    allow: SEES_T,
    request: async (w) => ({ method: 'GET', url: `${V1}/tickets/${w.ticket.id}/attachments/${await attachmentOnT(w)}` }),
  },
  'POST /api/v1/tickets/:id/attachments': {
    allow: ['requester', 'orgRequester', ...WORKS_ON_T],
    request: async (w) => ({
      method: 'POST', url: `${V1}/tickets/${(await freshTicket(w)).id}/attachments?filename=capture.txt`,
      contentType: 'text/plain', payload: Buffer.from('contenu'),
    }),
  },
  'GET /api/v1/tickets/:id/followers': {
    allow: [...WORKS_ON_T, 'readToken'],
    request: (w) => ({ method: 'GET', url: `${V1}/tickets/${w.ticket.id}/followers` }),
  },
  'POST /api/v1/tickets/:id/followers': {
    allow: WORKS_ON_T,
    request: async (w) => ({ method: 'POST', url: `${V1}/tickets/${(await freshTicket(w)).id}/followers`, payload: { email: `f-${uniq()}@client.test` } }),
  },
  'DELETE /api/v1/tickets/:id/followers/:email': {
    allow: WORKS_ON_T,
    request: async (w) => {
      const ticket = await freshTicket(w);
      const email = `f-${uniq()}@client.test`;
      await adminCall(w, { method: 'POST', url: `${V1}/tickets/${ticket.id}/followers`, payload: { email } });
      return { method: 'DELETE', url: `${V1}/tickets/${ticket.id}/followers/${email}` };
    },
  },

  // People.
  'POST /api/v1/requesters': {
    allow: STAFF,
    request: () => ({ method: 'POST', url: `${V1}/requesters`, payload: { name: 'Nouveau', email: `r-${uniq()}@matrix.test` } }),
  },
  'GET /api/v1/requesters': { allow: STAFF_READ, request: () => ({ method: 'GET', url: `${V1}/requesters` }) },
  'GET /api/v1/requesters/:id': {
    label: "requester T's profile",
    allow: ['requester', ...STAFF_READ],
    request: (w) => ({ method: 'GET', url: `${V1}/requesters/${w.requester.id}` }),
  },
  'PATCH /api/v1/requesters/:id': {
    allow: STAFF,
    request: (w) => ({ method: 'PATCH', url: `${V1}/requesters/${w.requester.id}`, payload: { language: 'fr' } }),
  },
  'POST /api/v1/organizations': {
    allow: MANAGERS,
    request: () => ({ method: 'POST', url: `${V1}/organizations`, payload: { name: `Org ${uniq()}` } }),
  },
  'GET /api/v1/organizations': { allow: STAFF_READ, request: () => ({ method: 'GET', url: `${V1}/organizations` }) },
  'GET /api/v1/organizations/:id': { allow: STAFF_READ, request: (w) => ({ method: 'GET', url: `${V1}/organizations/${w.org}` }) },
  'PATCH /api/v1/organizations/:id': {
    allow: MANAGERS,
    request: (w) => ({ method: 'PATCH', url: `${V1}/organizations/${w.org}`, payload: { domain: `${uniq()}.example` } }),
  },
  'POST /api/v1/agents': {
    allow: ADMIN,
    request: () => ({ method: 'POST', url: `${V1}/agents`, payload: { name: 'Nouvel agent', email: `a-${uniq()}@matrix.test`, role: 'agent' } }),
  },
  'GET /api/v1/agents': { allow: STAFF_READ, request: () => ({ method: 'GET', url: `${V1}/agents` }) },
  'GET /api/v1/agents/:id': { allow: STAFF_READ, request: (w) => ({ method: 'GET', url: `${V1}/agents/${w.victim.agent.id}` }) },
  'PATCH /api/v1/agents/:id': [
    {
      label: "another agent's tier",
      allow: ADMIN,
      request: (w) => ({ method: 'PATCH', url: `${V1}/agents/${w.victim.agent.id}`, payload: { tier: 'L2' } }),
    },
    {
      label: 'own name',
      allow: STAFF,
      request: (w, role) => ({ method: 'PATCH', url: `${V1}/agents/${agentFor(w, role).agent.id}`, payload: { name: `Nom ${uniq()}` } }),
    },
  ],
  // Availability: everyone sees it; agents change their own (not their capacity), managers anyone's.
  'GET /api/v1/agents/:id/availability': {
    allow: STAFF_READ, request: (w) => ({ method: 'GET', url: `${V1}/agents/${w.victim.agent.id}/availability` }),
  },
  'PATCH /api/v1/agents/:id/availability': [
    {
      label: "another agent's status",
      allow: MANAGERS,
      request: (w) => ({ method: 'PATCH', url: `${V1}/agents/${w.victim.agent.id}/availability`, payload: { status: 'away' } }),
    },
    {
      label: 'own status',
      allow: STAFF,
      request: (w, role) => ({ method: 'PATCH', url: `${V1}/agents/${agentFor(w, role).agent.id}/availability`, payload: { status: 'away' } }),
    },
    {
      label: 'own capacity',
      allow: MANAGERS,
      request: (w, role) => ({ method: 'PATCH', url: `${V1}/agents/${agentFor(w, role).agent.id}/availability`, payload: { capacity: 8 } }),
    },
  ],

  // Configuration.
  'POST /api/v1/teams': { allow: ADMIN, request: () => ({ method: 'POST', url: `${V1}/teams`, payload: { name: `Équipe ${uniq()}` } }) },
  'GET /api/v1/teams': { allow: STAFF_READ, request: () => ({ method: 'GET', url: `${V1}/teams` }) },
  'GET /api/v1/teams/:id': { allow: STAFF_READ, request: (w) => ({ method: 'GET', url: `${V1}/teams/${w.teamA}` }) },
  'PATCH /api/v1/teams/:id': {
    allow: ADMIN,
    request: async (w) => ({ method: 'PATCH', url: `${V1}/teams/${(await buildTeam(w.t.deps)).id}`, payload: { description: 'modifiée' } }),
  },
  'DELETE /api/v1/teams/:id': {
    allow: ADMIN,
    request: async (w) => ({ method: 'DELETE', url: `${V1}/teams/${(await buildTeam(w.t.deps)).id}` }),
  },
  'POST /api/v1/categories': {
    allow: ADMIN,
    request: () => ({ method: 'POST', url: `${V1}/categories`, payload: { name_fr: `Cat ${uniq()}`, name_en: `Cat ${n}` } }),
  },
  'GET /api/v1/categories': { allow: SIGNED_IN, request: () => ({ method: 'GET', url: `${V1}/categories` }) },
  'PATCH /api/v1/categories/:id': {
    allow: ADMIN,
    request: (w) => ({ method: 'PATCH', url: `${V1}/categories/${w.category}`, payload: { name_en: `Renamed ${uniq()}` } }),
  },
  'GET /api/v1/settings/priority-matrix': { allow: STAFF_READ, request: () => ({ method: 'GET', url: `${V1}/settings/priority-matrix` }) },
  'PUT /api/v1/settings/priority-matrix': {
    allow: ADMIN,
    request: () => ({
      method: 'PUT', url: `${V1}/settings/priority-matrix`,
      payload: { matrix: [['P1', 'P2', 'P3'], ['P2', 'P3', 'P4'], ['P3', 'P4', 'P4']] },
    }),
  },
  'GET /api/v1/audit-log': { allow: [...MANAGERS, 'readToken'], request: () => ({ method: 'GET', url: `${V1}/audit-log` }) },

  // SLA policies: managers read them, administrators change them; a ticket's clock for agents who see it.
  'GET /api/v1/sla-policies': { allow: [...MANAGERS, 'readToken'], request: () => ({ method: 'GET', url: `${V1}/sla-policies` }) },
  'POST /api/v1/sla-policies': { allow: ADMIN, request: () => ({ method: 'POST', url: `${V1}/sla-policies`, payload: slaPolicyPayload() }) },
  'PUT /api/v1/sla-policies/order': {
    allow: ADMIN,
    request: async (w) => {
      const list = (await adminCall(w, { method: 'GET', url: `${V1}/sla-policies` })).json();
      return { method: 'PUT', url: `${V1}/sla-policies/order`, payload: { ids: list.data.map((p: { id: string }) => p.id).reverse() } };
    },
  },
  'GET /api/v1/sla-policies/:id': {
    allow: [...MANAGERS, 'readToken'], request: async (w) => ({ method: 'GET', url: `${V1}/sla-policies/${await slaPolicyOf(w)}` }),
  },
  'PATCH /api/v1/sla-policies/:id': {
    allow: ADMIN, request: async (w) => ({ method: 'PATCH', url: `${V1}/sla-policies/${await slaPolicyOf(w)}`, payload: { description: 'matrice' } }),
  },
  'DELETE /api/v1/sla-policies/:id': { allow: ADMIN, request: async (w) => ({ method: 'DELETE', url: `${V1}/sla-policies/${await slaPolicyOf(w)}` }) },
  'GET /api/v1/tickets/:id/sla': {
    allow: ['agentInTeam', 'manager', 'admin', 'readToken'], request: (w) => ({ method: 'GET', url: `${V1}/tickets/${w.ticket.id}/sla` }),
  },
  'GET /api/v1/reports/sla-compliance': {
    allow: [...MANAGERS, 'readToken'], request: () => ({ method: 'GET', url: `${V1}/reports/sla-compliance?from=2026-01-01&to=2026-12-31` }),
  },
  // Escalation, the pull queue and the escalation report (issue 6).
  'POST /api/v1/tickets/:id/escalate': {
    allow: WORKS_ON_T,
    request: async (w) => ({ method: 'POST', url: `${V1}/tickets/${(await freshTicket(w)).id}/escalate`, payload: { note: 'Passage au N2' } }),
  },
  'POST /api/v1/tickets/:id/de-escalate': {
    allow: WORKS_ON_T,
    request: async (w) => {
      const id = (await freshTicket(w)).id;
      await adminCall(w, { method: 'POST', url: `${V1}/tickets/${id}/escalate`, payload: { note: 'Passage au N2' } });
      return { method: 'POST', url: `${V1}/tickets/${id}/de-escalate`, payload: { note: 'Retour au N1' } };
    },
  },
  'POST /api/v1/queue/next': { allow: STAFF, request: () => ({ method: 'POST', url: `${V1}/queue/next`, payload: {} }) },
  'GET /api/v1/reports/escalations': {
    allow: [...MANAGERS, 'readToken'], request: () => ({ method: 'GET', url: `${V1}/reports/escalations?from=2026-01-01&to=2026-12-31` }),
  },
  // Routing rules: every agent reads them and tries them; administrators change them.
  'GET /api/v1/routing-rules': { allow: STAFF_READ, request: () => ({ method: 'GET', url: `${V1}/routing-rules` }) },
  'POST /api/v1/routing-rules': { allow: ADMIN, request: () => ({ method: 'POST', url: `${V1}/routing-rules`, payload: routingRulePayload() }) },
  'PUT /api/v1/routing-rules/order': {
    allow: ADMIN,
    request: async (w) => {
      const ids = (await adminCall(w, { method: 'GET', url: `${V1}/routing-rules` })).json().data.map((r: { id: string }) => r.id);
      return { method: 'PUT', url: `${V1}/routing-rules/order`, payload: { ids: ids.reverse() } };
    },
  },
  'POST /api/v1/routing-rules/test': {
    allow: STAFF_READ, request: () => ({ method: 'POST', url: `${V1}/routing-rules/test`, payload: { subject: 'Le switch du 2e étage clignote' } }),
  },
  'GET /api/v1/routing-rules/:id': { allow: STAFF_READ, request: async (w) => ({ method: 'GET', url: `${V1}/routing-rules/${await routingRuleOf(w)}` }) },
  'PATCH /api/v1/routing-rules/:id': {
    allow: ADMIN, request: async (w) => ({ method: 'PATCH', url: `${V1}/routing-rules/${await routingRuleOf(w)}`, payload: { description: 'matrice' } }),
  },
  'DELETE /api/v1/routing-rules/:id': {
    allow: ADMIN, request: async (w) => ({ method: 'DELETE', url: `${V1}/routing-rules/${await routingRuleOf(w)}` }),
  },
  // The skill catalogue: every agent reads it, administrators change it.
  'GET /api/v1/skills': { allow: STAFF_READ, request: () => ({ method: 'GET', url: `${V1}/skills?kind=brand` }) },
  'POST /api/v1/skills': {
    allow: ADMIN, request: () => ({ method: 'POST', url: `${V1}/skills`, payload: { kind: 'brand', name_en: `Marque ${uniq()}`, name_fr: `Marque ${n} fr` } }),
  },
  'GET /api/v1/skills/:id': { allow: STAFF_READ, request: async (w) => ({ method: 'GET', url: `${V1}/skills/${await skillOf(w)}` }) },
  'GET /api/v1/skills/:id/agents': { allow: STAFF_READ, request: async (w) => ({ method: 'GET', url: `${V1}/skills/${await skillOf(w)}/agents` }) },
  'PATCH /api/v1/skills/:id': {
    allow: ADMIN, request: async (w) => ({ method: 'PATCH', url: `${V1}/skills/${await skillOf(w)}`, payload: { active: false } }),
  },
  'DELETE /api/v1/skills/:id': { allow: ADMIN, request: async (w) => ({ method: 'DELETE', url: `${V1}/skills/${await skillOf(w)}` }) },
  // Notifications: every agent reads and clears their own.
  'GET /api/v1/notifications': { allow: STAFF_READ, request: () => ({ method: 'GET', url: `${V1}/notifications` }) },
  'POST /api/v1/notifications/read': { allow: STAFF_READ, request: () => ({ method: 'POST', url: `${V1}/notifications/read`, payload: { all: true } }) },

  // Business-hours calendars: managers read them, administrators change them.
  'GET /api/v1/calendars': { allow: [...MANAGERS, 'readToken'], request: () => ({ method: 'GET', url: `${V1}/calendars` }) },
  'POST /api/v1/calendars': { allow: ADMIN, request: () => ({ method: 'POST', url: `${V1}/calendars`, payload: calendarPayload() }) },
  'GET /api/v1/calendars/:id': {
    allow: [...MANAGERS, 'readToken'], request: async (w) => ({ method: 'GET', url: `${V1}/calendars/${await calendarOf(w)}` }),
  },
  'GET /api/v1/calendars/:id/preview': {
    allow: [...MANAGERS, 'readToken'],
    request: async (w) => ({ method: 'GET', url: `${V1}/calendars/${await calendarOf(w)}/preview?from=2026-03-23&days=7` }),
  },
  'PATCH /api/v1/calendars/:id': {
    allow: ADMIN, request: async (w) => ({ method: 'PATCH', url: `${V1}/calendars/${await calendarOf(w)}`, payload: { french_holidays: 'metropolitan' } }),
  },
  'DELETE /api/v1/calendars/:id': { allow: ADMIN, request: async (w) => ({ method: 'DELETE', url: `${V1}/calendars/${await calendarOf(w)}` }) },
  'POST /api/v1/calendars/:id/default': {
    allow: ADMIN, request: async (w) => ({ method: 'POST', url: `${V1}/calendars/${await calendarOf(w)}/default` }),
  },
  'POST /api/v1/calendars/:id/import': {
    allow: ADMIN,
    request: async (w) => ({
      method: 'POST', url: `${V1}/calendars/${await calendarOf(w)}/import`, contentType: 'text/calendar',
      payload: Buffer.from('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//m//m//FR\r\nBEGIN:VEVENT\r\nUID:m@x\r\nDTSTAMP:20260101T000000Z\r\n' +
        'DTSTART;VALUE=DATE:20261224\r\nSUMMARY:Réveillon\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'),
    }),
  },

  // API tokens: managed from a session; each agent's own.
  'POST /api/v1/tokens': {
    allow: STAFF,
    request: () => ({ method: 'POST', url: `${V1}/tokens`, payload: { name: 'Matrice', scopes: ['tickets:read'] } }),
  },
  'GET /api/v1/tokens': { allow: STAFF_READ, request: () => ({ method: 'GET', url: `${V1}/tokens` }) },
  'DELETE /api/v1/tokens/:id': {
    label: "the caller's own token",
    allow: STAFF,
    request: async (w, role) => {
      const owner = agentFor(w, role);
      const session = await signIn(w.t.app, owner.agent.email);
      const issued = await w.t.app.inject({ method: 'POST', url: `${V1}/tokens`, headers: session, payload: { name: 'À révoquer', scopes: ['tickets:read'] } });
      return { method: 'DELETE', url: `${V1}/tokens/${issued.json().id}` };
    },
  },

  // IMAP mailboxes: administrators. Fixtures are disabled and point at a closed port (the connection test then
  // answers 200 with ok: false).
  'GET /api/v1/admin/mailboxes': { allow: ADMIN, request: () => ({ method: 'GET', url: `${V1}/admin/mailboxes` }) },
  'POST /api/v1/admin/mailboxes': {
    allow: ADMIN,
    request: () => ({ method: 'POST', url: `${V1}/admin/mailboxes`, payload: mailboxPayload() }),
  },
  'PATCH /api/v1/admin/mailboxes/:id': {
    allow: ADMIN,
    request: async (w) => ({ method: 'PATCH', url: `${V1}/admin/mailboxes/${await mailboxOf(w)}`, payload: { folder: 'Support' } }),
  },
  'DELETE /api/v1/admin/mailboxes/:id': {
    allow: ADMIN,
    request: async (w) => ({ method: 'DELETE', url: `${V1}/admin/mailboxes/${await mailboxOf(w)}` }),
  },
  'POST /api/v1/admin/mailboxes/:id/test': {
    allow: ADMIN,
    request: async (w) => ({ method: 'POST', url: `${V1}/admin/mailboxes/${await mailboxOf(w)}/test` }),
  },

  // Automations: administrators write, managers read and test (a dry run). Fixtures are inactive rules.
  'GET /api/v1/automations': { allow: [...MANAGERS, 'readToken'], request: () => ({ method: 'GET', url: `${V1}/automations` }) },
  'POST /api/v1/automations': { allow: ADMIN, request: () => ({ method: 'POST', url: `${V1}/automations`, payload: automationPayload() }) },
  'GET /api/v1/automations/:id': {
    allow: [...MANAGERS, 'readToken'], request: async (w) => ({ method: 'GET', url: `${V1}/automations/${await automationOf(w)}` }),
  },
  'PATCH /api/v1/automations/:id': {
    allow: ADMIN,
    request: async (w) => ({ method: 'PATCH', url: `${V1}/automations/${await automationOf(w)}`, payload: { name: `Règle ${uniq()}` } }),
  },
  'DELETE /api/v1/automations/:id': {
    allow: ADMIN, request: async (w) => ({ method: 'DELETE', url: `${V1}/automations/${await automationOf(w)}` }),
  },
  'PUT /api/v1/automations/order': {
    allow: ADMIN,
    request: async (w) => {
      const ids = (await adminCall(w, { method: 'GET', url: `${V1}/automations` })).json().data.map((a: { id: string }) => a.id);
      return { method: 'PUT', url: `${V1}/automations/order`, payload: { ids: ids.reverse() } };
    },
  },
  'POST /api/v1/automations/:id/test': {
    allow: [...MANAGERS, 'readToken'],
    request: async (w) => ({ method: 'POST', url: `${V1}/automations/${await automationOf(w)}/test`, payload: { ticket_id: w.ticket.id } }),
  },
};

function automationPayload() {
  return { name: `Règle ${uniq()}`, kind: 'event', active: false, events: ['ticket.created'], actions: [{ type: 'add_tags', tags: ['matrice'] }] };
}
/** A fresh inactive automation; its id. */
async function automationOf(w: World): Promise<string> {
  return (await adminCall(w, { method: 'POST', url: `${V1}/automations`, payload: automationPayload() })).json().id;
}

function calendarPayload() {
  const day = [{ start: '09:00', end: '18:00' }];
  return { name: `Calendrier ${uniq()}`, time_zone: 'Europe/Paris', weekly: { 1: day, 2: day, 3: day, 4: day, 5: day } };
}
/** A fresh calendar that is not the default (the first one created becomes it, and the default cannot be deleted); its id. */
function slaPolicyPayload() {
  return { name: `SLA ${uniq()}`, targets: { P3: { first_response: 240, resolution: 960 } }, active: false };
}
/** A fresh skill (unused, so it can be deleted); its id. */
async function skillOf(w: World): Promise<string> {
  const name = `Domaine ${uniq()}`;
  return (await adminCall(w, { method: 'POST', url: `${V1}/skills`, payload: { kind: 'domain', name_en: name, name_fr: `${name} fr` } })).json().id;
}
function routingRulePayload() {
  return { name: `Routage ${uniq()}`, active: false, conditions: { keywords: ['matrice'] }, outcome: { tags: ['matrice'] } };
}
/** A fresh (inactive) routing rule; its id. */
async function routingRuleOf(w: World): Promise<string> {
  return (await adminCall(w, { method: 'POST', url: `${V1}/routing-rules`, payload: routingRulePayload() })).json().id;
}
/** A fresh (inactive) SLA policy; its id. */
async function slaPolicyOf(w: World): Promise<string> {
  return (await adminCall(w, { method: 'POST', url: `${V1}/sla-policies`, payload: slaPolicyPayload() })).json().id;
}
async function calendarOf(w: World): Promise<string> {
  const cal = (await adminCall(w, { method: 'POST', url: `${V1}/calendars`, payload: calendarPayload() })).json();
  return cal.is_default ? calendarOf(w) : cal.id;
}
function mailboxPayload() {
  return { name: `Boîte ${uniq()}`, host: '127.0.0.1', port: 1, tls: 'none', username: 'support', password: 'matrice', enabled: false };
}
/** A fresh (disabled) mailbox; its id. */
async function mailboxOf(w: World): Promise<string> {
  return (await adminCall(w, { method: 'POST', url: `${V1}/admin/mailboxes`, payload: mailboxPayload() })).json().id;
}

/** Registered routes, HEAD left out where it mirrors a GET (Fastify adds those itself). */
function routeKeys(): string[] {
  const keys = [...registered];
  const gets = new Set(keys.filter((k) => k.startsWith('GET ')).map((k) => k.slice(4).replace(/\/$/, '')));
  return keys.filter((k) => !(k.startsWith('HEAD ') && gets.has(k.slice(5)))).sort();
}

let w: World;
const webDir = fakeWebDir();

beforeAll(async () => {
  const t = await startTestApp({ config: { RELAIS_WEB_DIR: webDir } });
  const teamA = (await buildTeam(t.deps, 'Équipe A')).id;
  const teamB = (await buildTeam(t.deps, 'Équipe B')).id;
  const admin = await buildAgent(t.deps, { role: 'admin' });
  const orgRes = await t.app.inject({
    method: 'POST', url: `${V1}/organizations`, headers: { authorization: `Bearer ${admin.token}` },
    payload: { name: 'Partage SA', requesters_see_org_tickets: true },
  });
  const shared = orgRes.json().id as string;
  const requester = await buildRequester(t.deps, { organizationId: shared });
  const orgRequester = await buildRequester(t.deps, { organizationId: shared });
  const otherRequester = await buildRequester(t.deps);
  const agents = {
    agentInTeam: await buildAgent(t.deps, { teamIds: [teamA] }),
    agentNotInTeam: await buildAgent(t.deps, { teamIds: [teamB] }),
    manager: await buildAgent(t.deps, { role: 'manager' }),
    admin,
  };
  const readOnly = await t.app.inject({
    method: 'POST', url: `${V1}/tokens`, headers: await signIn(t.app, admin.agent.email),
    payload: { name: 'Lecture seule', scopes: ['tickets:read', 'directory:read'] },
  });
  const category = await t.app.inject({
    method: 'POST', url: `${V1}/categories`, headers: { authorization: `Bearer ${admin.token}` }, payload: { name_fr: 'Réseau', name_en: 'Network' },
  });
  const org = await t.app.inject({
    method: 'POST', url: `${V1}/organizations`, headers: { authorization: `Bearer ${admin.token}` }, payload: { name: 'Cible' },
  });
  w = {
    t, teamA, requester, agents, org: org.json().id, category: category.json().id,
    victim: await buildAgent(t.deps),
    ticket: await buildTicket(t.deps, admin.principal, requester.id, { teamId: teamA }),
    headers: { anonymous: {}, readToken: { authorization: `Bearer ${readOnly.json().token}` } },
    emails: {
      anonymous: null, readToken: null, requester: requester.email, orgRequester: orgRequester.email, otherRequester: otherRequester.email,
      agentInTeam: agents.agentInTeam.agent.email, agentNotInTeam: agents.agentNotInTeam.agent.email,
      manager: agents.manager.agent.email, admin: admin.agent.email,
    },
  };
  for (const role of ROLES) {
    const email = w.emails[role];
    if (email) w.headers[role] = await signIn(t.app, email);
  }
});
afterAll(async () => {
  await w.t.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

describe('authorization matrix', () => {
  it('has an expectation for every registered route, and none for a route that is gone', () => {
    const keys = routeKeys();
    expect(keys.length).toBeGreaterThan(40);
    expect(keys.filter((k) => !(k in MATRIX)), 'routes without a row in MATRIX').toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !keys.includes(k)), 'rows for routes that are not registered').toEqual([]);
  });

  it.each(Object.keys(MATRIX))('%s', async (key) => {
    const failures: string[] = [];
    for (const row of [MATRIX[key]!].flat()) {
      for (const role of ROLES) {
        const call = await row.request(w, role);
        const email = w.emails[role];
        const headers = row.freshSession && email ? await signIn(w.t.app, email) : w.headers[role]!;
        const res = await w.t.app.inject({
          method: call.method, url: call.url, headers: call.contentType ? { ...headers, 'content-type': call.contentType } : headers,
          ...(call.payload ? { payload: call.payload } : {}),
        });
        const allowed = row.allow.includes(role);
        const ok = allowed
          ? (res.statusCode >= 200 && res.statusCode < 300) || (row.okStatus ?? []).includes(res.statusCode)
          : role === 'anonymous'
            ? res.statusCode === 401
            : [403, 404].includes(res.statusCode);
        if (!ok) {
          failures.push(`${row.label ? `[${row.label}] ` : ''}${role}: expected ${allowed ? 'success' : 'refusal'}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('ticket visibility in listings', () => {
  it('lists to each role exactly the tickets the rules let it see', async () => {
    const { t, agents } = w;
    const teamB = agents.agentNotInTeam.agent.team_ids[0]!;
    // A team-B ticket assigned to agentInTeam while they were in team B; they have since left it (an agent who
    // changes teams keeps their tickets until someone reassigns them).
    const assignedThenMoved = async (team: string) => {
      const who = agents.agentInTeam.agent;
      await setAgentTeams(t.db, who.id, [...who.team_ids, team]);
      const ticket = await buildTicket(t.deps, by, other, { teamId: team, assigneeId: who.id });
      await setAgentTeams(t.db, who.id, who.team_ids);
      return ticket;
    };
    const privateOrg = (await adminCall(w, { method: 'POST', url: `${V1}/organizations`, payload: { name: 'Privée SARL' } })).json().id;
    const colleague = await buildRequester(t.deps, { organizationId: privateOrg });
    await t.app.inject({
      method: 'PATCH', url: `${V1}/requesters/${(await findRequesterId('otherRequester'))}`,
      headers: { authorization: `Bearer ${agents.admin.token}` }, payload: { organization_id: privateOrg },
    });
    const other = await findRequesterId('otherRequester');
    const orgReq = await findRequesterId('orgRequester');
    const by = agents.admin.principal;
    const tickets = {
      T: w.ticket,
      unrouted: await buildTicket(t.deps, by, other),
      assignedToAgentInTeam: await assignedThenMoved(teamB),
      colleagueShared: await buildTicket(t.deps, by, orgReq, { teamId: teamB }),
      colleaguePrivate: await buildTicket(t.deps, by, colleague.id, { teamId: teamB }),
    };
    const expected: Record<Exclude<Role, 'anonymous'>, Array<keyof typeof tickets>> = {
      requester: ['T', 'colleagueShared'],
      orgRequester: ['T', 'colleagueShared'],
      otherRequester: ['unrouted', 'assignedToAgentInTeam'],
      agentInTeam: ['T', 'unrouted', 'assignedToAgentInTeam'],
      agentNotInTeam: ['unrouted', 'assignedToAgentInTeam', 'colleagueShared', 'colleaguePrivate'],
      manager: ['T', 'unrouted', 'assignedToAgentInTeam', 'colleagueShared', 'colleaguePrivate'],
      admin: ['T', 'unrouted', 'assignedToAgentInTeam', 'colleagueShared', 'colleaguePrivate'],
      readToken: ['T', 'unrouted', 'assignedToAgentInTeam', 'colleagueShared', 'colleaguePrivate'],
    };
    const names = new Map(Object.entries(tickets).map(([name, tk]) => [tk.id, name]));
    for (const [role, want] of Object.entries(expected)) {
      const res = await t.app.inject({ method: 'GET', url: `${V1}/tickets?limit=200`, headers: w.headers[role as Role]! });
      const seen = res.json().data.map((x: { id: string }) => names.get(x.id)).filter(Boolean).sort();
      expect(seen, role).toEqual([...want].sort());
      for (const [name, tk] of Object.entries(tickets)) {
        const one = await t.app.inject({ method: 'GET', url: `${V1}/tickets/${tk.number}`, headers: w.headers[role as Role]! });
        expect(one.statusCode, `${role} GET ${name}`).toBe(want.includes(name as keyof typeof tickets) ? 200 : 404);
      }
    }
  });
});

async function findRequesterId(role: Role): Promise<string> {
  const res = await w.t.app.inject({ method: 'GET', url: `${V1}/auth/me`, headers: w.headers[role]! });
  return res.json().id;
}
