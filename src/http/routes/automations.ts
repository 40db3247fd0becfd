import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AutomationRow } from '../../store/automations.js';
import { createAutomation } from '../../usecases/automations/create-automation.js';
import { removeAutomation } from '../../usecases/automations/delete-automation.js';
import { getAutomation, listAutomationsFor } from '../../usecases/automations/list-automations.js';
import { reorderAutomations } from '../../usecases/automations/reorder-automations.js';
import { testAutomation } from '../../usecases/automations/test-automation.js';
import { updateAutomationRule } from '../../usecases/automations/update-automation.js';
import type { Deps } from '../../usecases/deps.js';
import { principalOf } from '../auth.js';
import {
  AutomationJson, AutomationList, AutomationOrderBody, AutomationTestBody, AutomationTestJson, CreateAutomationBody,
  UpdateAutomationBody,
} from '../schemas/automations.js';
import { ErrorResponse } from '../schemas/common.js';
import { IdParams } from '../schemas/directory.js';

const Errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const authenticated = { auth: 'authenticated' } as const;
const TAGS = ['automations'];

function presentAutomation(a: AutomationRow): z.infer<typeof AutomationJson> {
  return {
    id: a.id, name: a.name, kind: a.kind, position: a.position, active: a.active,
    events: a.events as z.infer<typeof AutomationJson>['events'],
    conditions: { all: a.conditions.all ?? [], any: a.conditions.any ?? [] },
    timing: a.timing, actions: a.actions, created_by: a.created_by,
    created_at: a.created_at.toISOString(), updated_at: a.updated_at.toISOString(),
  };
}

/** Event triggers and time-based rules (administrators write, managers read). */
export function automationRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/automations', {
      config: authenticated,
      schema: { tags: TAGS, summary: 'List automations in the order they run (managers)', response: { 200: AutomationList, ...Errors } },
    }, async (req) => ({ data: (await listAutomationsFor(deps, principalOf(req))).map(presentAutomation) }));

    app.post('/automations', {
      config: authenticated,
      schema: {
        tags: TAGS, summary: 'Create an automation (admins)',
        description:
          'An event rule runs when one of its `events` happens to a ticket; a time rule once its `timing` has elapsed ' +
          '(once per ticket and episode). Problems come back as 400 INVALID_AUTOMATION with a path per problem.',
        body: CreateAutomationBody, response: { 201: AutomationJson, ...Errors },
      },
    }, async (req, reply) => {
      const b = req.body;
      const row = await createAutomation(deps, principalOf(req), {
        name: b.name, kind: b.kind, active: b.active, events: b.events, conditions: b.conditions, timing: b.timing, actions: b.actions,
      });
      return reply.status(201).send(presentAutomation(row));
    });

    // Registered before /automations/:id so that "order" is never read as an id.
    app.put('/automations/order', {
      config: authenticated,
      schema: {
        tags: TAGS, summary: 'Set the order automations run in (admins)',
        description: '`ids` lists every automation once; otherwise 409 CONFLICT (reload and retry).',
        body: AutomationOrderBody, response: { 200: AutomationList, ...Errors },
      },
    }, async (req) => ({ data: (await reorderAutomations(deps, principalOf(req), req.body.ids)).map(presentAutomation) }));

    app.get('/automations/:id', {
      config: authenticated,
      schema: { tags: TAGS, summary: 'Get an automation (managers)', params: IdParams, response: { 200: AutomationJson, ...Errors } },
    }, async (req) => presentAutomation(await getAutomation(deps, principalOf(req), req.params.id)));

    app.patch('/automations/:id', {
      config: authenticated,
      schema: {
        tags: TAGS, summary: 'Change an automation (admins)', description: 'The rule after the change is checked as a whole.',
        params: IdParams, body: UpdateAutomationBody, response: { 200: AutomationJson, ...Errors },
      },
    }, async (req) => presentAutomation(await updateAutomationRule(deps, principalOf(req), req.params.id, req.body)));

    app.delete('/automations/:id', {
      config: authenticated,
      schema: { tags: TAGS, summary: 'Delete an automation (admins)', params: IdParams, response: { 204: z.null(), ...Errors } },
    }, async (req, reply) => {
      await removeAutomation(deps, principalOf(req), req.params.id);
      return reply.status(204).send(null);
    });

    app.post('/automations/:id/test', {
      config: authenticated,
      schema: {
        tags: TAGS, summary: 'Would this automation apply to a ticket now? (managers; changes nothing)',
        params: IdParams, body: AutomationTestBody, response: { 200: AutomationTestJson, ...Errors },
      },
    }, async (req) => {
      const r = await testAutomation(deps, principalOf(req), req.params.id, { ticket: String(req.body.ticket_id), event: req.body.event });
      return {
        ticket_id: r.ticketId, ticket_number: r.ticketNumber, matched: r.matched, explanation: r.explanation, event: r.event,
        timing: r.timing && {
          since: r.timing.since.toISOString(), elapsed_hours: r.timing.elapsedHours, required_hours: r.timing.requiredHours,
          calendar: r.timing.calendar, already_ran: r.timing.alreadyRan,
        },
      };
    });
  };
}
