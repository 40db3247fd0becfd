import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../usecases/deps.js';
import { createSkill } from '../../usecases/skills/create-skill.js';
import { deleteSkillEntry } from '../../usecases/skills/delete-skill.js';
import { getSkill } from '../../usecases/skills/get-skill.js';
import { listSkillAgents } from '../../usecases/skills/list-skill-agents.js';
import { listSkillCatalogue } from '../../usecases/skills/list-skills.js';
import { updateSkillEntry } from '../../usecases/skills/update-skill.js';
import { principalOf } from '../auth.js';
import { presentSkill, presentSkillHolder } from '../presenters/skills.js';
import { ErrorResponse } from '../schemas/common.js';
import { IdParams } from '../schemas/directory.js';
import { CreateSkillBody, ListSkillsQuery, SkillAgentsJson, SkillJson, SkillList, UpdateSkillBody } from '../schemas/skills.js';

const Errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const authenticated = { auth: 'authenticated' } as const;

/** The skill catalogue (domains and equipment brands) agents hold and routing rules require. */
export function skillRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/skills', {
      config: authenticated,
      schema: {
        tags: ['skills'], summary: 'List the skill catalogue (agents)',
        description: 'Domains first, then brands, by English name. Filter by kind, active (default all) and part of a name.',
        querystring: ListSkillsQuery, response: { 200: SkillList, ...Errors },
      },
    }, async (req) => {
      const q = req.query;
      const rows = await listSkillCatalogue(deps, principalOf(req), {
        kind: q.kind, active: q.active === 'all' ? undefined : q.active === 'true', q: q.q,
      });
      return { data: rows.map(presentSkill) };
    });

    app.post('/skills', {
      config: authenticated,
      schema: {
        tags: ['skills'], summary: 'Add a skill to the catalogue (admins)',
        description: 'Names are unique in both languages, case and accents ignored (409 CONFLICT naming the field).',
        body: CreateSkillBody, response: { 201: SkillJson, ...Errors },
      },
    }, async (req, reply) => reply.status(201).send(presentSkill(await createSkill(deps, principalOf(req), req.body))));

    app.get('/skills/:id', {
      config: authenticated,
      schema: { tags: ['skills'], summary: 'Get a skill (agents)', params: IdParams, response: { 200: SkillJson, ...Errors } },
    }, async (req) => presentSkill(await getSkill(deps, principalOf(req), req.params.id)));

    app.get('/skills/:id/agents', {
      config: authenticated,
      schema: {
        tags: ['skills'], summary: 'The agents holding a skill, with their level (agents)',
        description: 'Active agents first, experts first: who to ask about a Cisco switch.',
        params: IdParams, response: { 200: SkillAgentsJson, ...Errors },
      },
    }, async (req) => {
      const { skill, agents } = await listSkillAgents(deps, principalOf(req), req.params.id);
      return { skill: presentSkill(skill), data: agents.map(presentSkillHolder) };
    });

    app.patch('/skills/:id', {
      config: authenticated,
      schema: {
        tags: ['skills'], summary: 'Rename, re-kind or (de)activate a skill (admins)',
        params: IdParams, body: UpdateSkillBody, response: { 200: SkillJson, ...Errors },
      },
    }, async (req) => presentSkill(await updateSkillEntry(deps, principalOf(req), req.params.id, req.body)));

    app.delete('/skills/:id', {
      config: authenticated,
      schema: {
        tags: ['skills'], summary: 'Delete a skill (admins)',
        description: 'Refused (409 SKILL_IN_USE, with agent_count, routing_rule_count and open_ticket_count) while agents hold it, rules require it or unfinished tickets need it: deactivate it instead.',
        params: IdParams, response: { 204: z.null(), ...Errors },
      },
    }, async (req, reply) => {
      await deleteSkillEntry(deps, principalOf(req), req.params.id);
      return reply.status(204).send(null);
    });
  };
}
