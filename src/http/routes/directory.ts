import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createAgent } from '../../usecases/directory/create-agent.js';
import { createOrganization } from '../../usecases/directory/create-organization.js';
import { createRequester } from '../../usecases/directory/create-requester.js';
import { getAgent } from '../../usecases/directory/get-agent.js';
import { getOrganization } from '../../usecases/directory/get-organization.js';
import { getRequester } from '../../usecases/directory/get-requester.js';
import { listAgentsFor } from '../../usecases/directory/list-agents.js';
import { listOrganizationsFor } from '../../usecases/directory/list-organizations.js';
import { listRequestersFor } from '../../usecases/directory/list-requesters.js';
import { updateAgentProfile } from '../../usecases/directory/update-agent.js';
import { updateOrganizationProfile } from '../../usecases/directory/update-organization.js';
import { updateRequesterProfile } from '../../usecases/directory/update-requester.js';
import type { Deps } from '../../usecases/deps.js';
import { principalOf } from '../auth.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { presentAgent, presentOrganization, presentRequester } from '../presenters/people.js';
import { ErrorResponse } from '../schemas/common.js';
import {
  AgentJson, AgentList, CreateAgentBody, CreateOrganizationBody, CreateRequesterBody, IdParams, ListAgentsQuery,
  ListOrganizationsQuery, ListRequestersQuery, OrganizationJson, OrganizationList, RequesterJson, RequesterList,
  UpdateAgentBody, UpdateOrganizationBody, UpdateRequesterBody,
} from '../schemas/directory.js';

const Errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const authenticated = { auth: 'authenticated' } as const;

/** Name-ordered listings page on (name, id). */
const nameCursor = (cursor: string | undefined): [string, string] | null => {
  if (!cursor) return null;
  const [name, id] = decodeCursor('name', cursor);
  return [String(name), id];
};
const nextCursor = (last: [string, string] | null) => (last ? encodeCursor('name', last) : null);

/** The people of the help desk: requesters, their organizations, and the support staff. */
export function directoryRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/requesters', {
      config: authenticated,
      schema: {
        tags: ['requesters'], summary: 'Create a requester (agents)', body: CreateRequesterBody,
        response: { 201: RequesterJson, ...Errors },
      },
    }, async (req, reply) => {
      const b = req.body;
      const detail = await createRequester(deps, principalOf(req), {
        name: b.name, email: b.email, password: b.password, phones: [...(b.phone ? [b.phone] : []), ...(b.phones ?? [])],
        organizationId: b.organization_id, language: b.language, timeZone: b.time_zone,
      });
      return reply.status(201).send(presentRequester(detail));
    });

    app.get('/requesters', {
      config: authenticated,
      schema: {
        tags: ['requesters'], summary: 'List and search requesters (agents)', querystring: ListRequestersQuery,
        response: { 200: RequesterList, ...Errors },
      },
    }, async (req) => {
      const q = req.query;
      const page = await listRequestersFor(deps, principalOf(req), {
        q: q.q, organizationId: q.organization, limit: q.limit, after: nameCursor(q.cursor),
      });
      return { data: page.requesters.map(presentRequester), next_cursor: nextCursor(page.last) };
    });

    app.get('/requesters/:id', {
      config: authenticated,
      schema: {
        tags: ['requesters'], summary: 'Get a requester (agents, or the requester themself)', params: IdParams,
        response: { 200: RequesterJson, ...Errors },
      },
    }, async (req) => presentRequester(await getRequester(deps, principalOf(req), req.params.id)));

    app.patch('/requesters/:id', {
      config: authenticated,
      schema: {
        tags: ['requesters'], summary: 'Edit a requester, add or remove identities (agents)', params: IdParams,
        body: UpdateRequesterBody, response: { 200: RequesterJson, ...Errors },
      },
    }, async (req) => {
      const b = req.body;
      return presentRequester(await updateRequesterProfile(deps, principalOf(req), req.params.id, {
        name: b.name, organizationId: b.organization_id, language: b.language, timeZone: b.time_zone,
        addIdentities: b.add_identities, removeIdentityIds: b.remove_identity_ids,
      }));
    });

    app.post('/organizations', {
      config: authenticated,
      schema: {
        tags: ['organizations'], summary: 'Create an organization (managers, admins)', body: CreateOrganizationBody,
        response: { 201: OrganizationJson, ...Errors },
      },
    }, async (req, reply) => {
      const b = req.body;
      const org = await createOrganization(deps, principalOf(req), {
        name: b.name, domain: b.domain, requestersSeeOrgTickets: b.requesters_see_org_tickets,
      });
      return reply.status(201).send(presentOrganization(org));
    });

    app.get('/organizations', {
      config: authenticated,
      schema: {
        tags: ['organizations'], summary: 'List organizations (agents)', querystring: ListOrganizationsQuery,
        response: { 200: OrganizationList, ...Errors },
      },
    }, async (req) => {
      const q = req.query;
      const page = await listOrganizationsFor(deps, principalOf(req), { q: q.q, limit: q.limit, after: nameCursor(q.cursor) });
      return { data: page.organizations.map(presentOrganization), next_cursor: nextCursor(page.last) };
    });

    app.get('/organizations/:id', {
      config: authenticated,
      schema: { tags: ['organizations'], summary: 'Get an organization (agents)', params: IdParams, response: { 200: OrganizationJson, ...Errors } },
    }, async (req) => presentOrganization(await getOrganization(deps, principalOf(req), req.params.id)));

    app.patch('/organizations/:id', {
      config: authenticated,
      schema: {
        tags: ['organizations'], summary: 'Edit an organization (managers, admins)', params: IdParams,
        body: UpdateOrganizationBody, response: { 200: OrganizationJson, ...Errors },
      },
    }, async (req) => {
      const b = req.body;
      return presentOrganization(await updateOrganizationProfile(deps, principalOf(req), req.params.id, {
        name: b.name, domain: b.domain, requestersSeeOrgTickets: b.requesters_see_org_tickets,
      }));
    });

    app.post('/agents', {
      config: authenticated,
      schema: { tags: ['agents'], summary: 'Create an agent (admins)', body: CreateAgentBody, response: { 201: AgentJson, ...Errors } },
    }, async (req, reply) => {
      const b = req.body;
      const agent = await createAgent(deps, principalOf(req), {
        name: b.name, email: b.email, password: b.password, role: b.role, tier: b.tier, language: b.language,
        timeZone: b.time_zone, teamIds: b.team_ids, skills: b.skills,
      });
      return reply.status(201).send(presentAgent(agent, deps.clock.now()));
    });

    app.get('/agents', {
      config: authenticated,
      schema: { tags: ['agents'], summary: 'List agents (agents)', querystring: ListAgentsQuery, response: { 200: AgentList, ...Errors } },
    }, async (req) => {
      const q = req.query;
      const agents = await listAgentsFor(deps, principalOf(req), {
        teamId: q.team, role: q.role, q: q.q, active: q.active === 'all' ? 'all' : q.active === 'true',
      });
      const now = deps.clock.now();
      return { data: agents.map((a) => presentAgent(a, now)) };
    });

    app.get('/agents/:id', {
      config: authenticated,
      schema: { tags: ['agents'], summary: 'Get an agent (agents)', params: IdParams, response: { 200: AgentJson, ...Errors } },
    }, async (req) => presentAgent(await getAgent(deps, principalOf(req), req.params.id), deps.clock.now()));

    app.patch('/agents/:id', {
      config: authenticated,
      schema: {
        tags: ['agents'],
        summary: 'Edit an agent',
        description:
          'Administrators change anything; agents change their own name, language, time zone and password ' +
          '(with current_password). The last active administrator cannot be demoted or deactivated (409 LAST_ADMIN).',
        params: IdParams, body: UpdateAgentBody, response: { 200: AgentJson, ...Errors },
      },
    }, async (req) => {
      const b = req.body;
      const agent = await updateAgentProfile(deps, principalOf(req), req.params.id, {
        name: b.name, language: b.language, timeZone: b.time_zone, password: b.password, currentPassword: b.current_password,
        role: b.role, tier: b.tier, teamIds: b.team_ids, active: b.active, skills: b.skills,
      }, { sessionId: req.session?.id ?? null, ip: req.ip });
      return presentAgent(agent, deps.clock.now());
    });
  };
}

