import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../usecases/deps.js';
import {
  createRule, deleteRule, getRule, listRules, reorderRules, updateRule, type RoutingRulePatch,
} from '../../usecases/routing-rules/manage-routing-rules.js';
import { testRoutingRules } from '../../usecases/routing-rules/test-routing-rules.js';
import { principalOf } from '../auth.js';
import { presentRoutingRule, presentRoutingTest } from '../presenters/routing-rules.js';
import { ErrorResponse } from '../schemas/common.js';
import { IdParams } from '../schemas/directory.js';
import {
  CreateRoutingRuleBody, RoutingRuleJson, RoutingRuleList, RoutingRuleOrderBody, RoutingTestBody, RoutingTestJson,
  UpdateRoutingRuleBody,
} from '../schemas/routing-rules.js';

const Errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const authenticated = { auth: 'authenticated' } as const;
const tags = ['routing'];

/** PATCH body to the use case's patch (the API's names are the domain's here). */
function rulePatch(b: z.infer<typeof UpdateRoutingRuleBody>): RoutingRulePatch {
  return { name: b.name, description: b.description, active: b.active, conditions: b.conditions, outcome: b.outcome };
}

/** Routing rules: where new tickets go (team, tier, required skills, priority adjustment, tags), and a tester. */
export function routingRuleRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/routing-rules', {
      config: authenticated,
      schema: { tags, summary: 'List routing rules in the order they are tried (agents)', response: { 200: RoutingRuleList, ...Errors } },
    }, async (req) => ({ data: (await listRules(deps, principalOf(req))).map(presentRoutingRule) }));

    app.post('/routing-rules', {
      config: authenticated,
      schema: {
        tags, summary: 'Create a routing rule (admins)',
        description: 'Unknown team (404 TEAM_NOT_FOUND), skills (404 SKILL_NOT_FOUND), categories or organizations and bad levels '
          + '(400 INVALID_ROUTING_RULE) are answered with a path per problem.',
        body: CreateRoutingRuleBody, response: { 201: RoutingRuleJson, ...Errors },
      },
    }, async (req, reply) => {
      const b = req.body;
      const o = b.outcome ?? {};
      const rule = await createRule(deps, principalOf(req), {
        name: b.name, description: b.description ?? '', active: b.active ?? true, conditions: b.conditions ?? {},
        outcome: {
          team_id: o.team_id ?? null, tier: o.tier ?? null, required_skills: o.required_skills ?? [],
          priority_adjust: o.priority_adjust ?? null, tags: o.tags ?? [],
        },
        position: b.position,
      });
      return reply.status(201).send(presentRoutingRule(rule));
    });

    app.put('/routing-rules/order', {
      config: authenticated,
      schema: {
        tags, summary: 'Set the order in which routing rules are tried (admins)', body: RoutingRuleOrderBody,
        response: { 200: RoutingRuleList, ...Errors },
      },
    }, async (req) => ({ data: (await reorderRules(deps, principalOf(req), req.body.ids)).map(presentRoutingRule) }));

    app.post('/routing-rules/test', {
      config: authenticated,
      schema: {
        tags, summary: 'Try the routing rules on a ticket’s facts (agents)',
        description: 'Nothing is created: answers the rule that would decide, what matched, and which rules match on their own.',
        body: RoutingTestBody, response: { 200: RoutingTestJson, ...Errors },
      },
    }, async (req) => {
      const b = req.body;
      return presentRoutingTest(await testRoutingRules(deps, principalOf(req), {
        subject: b.subject, description: b.description, channel: b.channel, categoryId: b.category_id,
        organizationId: b.organization_id, equipmentBrand: b.equipment_brand || null, priority: b.priority,
      }));
    });

    app.get('/routing-rules/:id', {
      config: authenticated,
      schema: { tags, summary: 'Get a routing rule (agents)', params: IdParams, response: { 200: RoutingRuleJson, ...Errors } },
    }, async (req) => presentRoutingRule(await getRule(deps, principalOf(req), req.params.id)));

    app.patch('/routing-rules/:id', {
      config: authenticated,
      schema: {
        tags, summary: 'Change a routing rule (admins)',
        description: 'Conditions are replaced as a whole; outcome fields one by one. Applies to tickets routed from now on.',
        params: IdParams, body: UpdateRoutingRuleBody, response: { 200: RoutingRuleJson, ...Errors },
      },
    }, async (req) => presentRoutingRule(await updateRule(deps, principalOf(req), req.params.id, rulePatch(req.body))));

    app.delete('/routing-rules/:id', {
      config: authenticated,
      schema: { tags, summary: 'Delete a routing rule (admins)', params: IdParams, response: { 204: z.null(), ...Errors } },
    }, async (req, reply) => {
      await deleteRule(deps, principalOf(req), req.params.id);
      return reply.status(204).send(null);
    });
  };
}
