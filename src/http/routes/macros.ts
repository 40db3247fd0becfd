import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TEMPLATE_VARIABLES } from '../../domain/templates.js';
import type { Deps } from '../../usecases/deps.js';
import { applyMacro } from '../../usecases/macros/apply-macro.js';
import { createMacro } from '../../usecases/macros/create-macro.js';
import { removeMacro } from '../../usecases/macros/delete-macro.js';
import { getMacro } from '../../usecases/macros/get-macro.js';
import { listMacros } from '../../usecases/macros/list-macros.js';
import { renderMacro } from '../../usecases/macros/render-macro.js';
import { updateMacroDefinition } from '../../usecases/macros/update-macro.js';
import { principalOf } from '../auth.js';
import { IdempotencyHeaders, idempotencyClaim } from '../idempotency.js';
import { presentMacro } from '../presenters/macro.js';
import { presentOneTicket } from '../presenters/ticket.js';
import { presentTimelineEntry } from '../presenters/timeline.js';
import { ErrorResponse } from '../schemas/common.js';
import { IdParams } from '../schemas/directory.js';
import {
  AppliedMacroJson, ApplyMacroBody, CreateMacroBody, MacroJson, MacroList, MacroListQuery, MacroTicketParams, RenderedMacroJson,
  UpdateMacroBody,
} from '../schemas/macros.js';

const Errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };
const authenticated = { auth: 'authenticated' } as const;
const tags = ['macros'];

/** Macros (canned replies with field changes): the catalogue, and using one on a ticket. Agents only. */
export function macroRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/macros', {
      config: authenticated,
      schema: {
        tags, summary: 'The shared macros and the caller’s own (agents)', querystring: MacroListQuery,
        response: { 200: MacroList, ...Errors },
      },
    }, async (req) => {
      const p = principalOf(req);
      const rows = await listMacros(deps, p, { search: req.query.q, limit: req.query.limit });
      return { data: rows.map((m) => presentMacro(m, p)), variables: [...TEMPLATE_VARIABLES] };
    });

    app.post('/macros', {
      config: authenticated,
      schema: {
        tags, summary: 'Create a macro (agents: personal; managers and administrators: shared)',
        description: 'Texts are checked as templates: 400 INVALID_TEMPLATE with details per language (body.fr, body.en).',
        body: CreateMacroBody, response: { 201: MacroJson, ...Errors },
      },
    }, async (req, reply) => {
      const p = principalOf(req);
      return reply.status(201).send(presentMacro(await createMacro(deps, p, req.body), p));
    });

    app.get('/macros/:id', {
      config: authenticated,
      schema: { tags, summary: 'One macro (agents)', params: IdParams, response: { 200: MacroJson, ...Errors } },
    }, async (req) => {
      const p = principalOf(req);
      return presentMacro(await getMacro(deps, p, req.params.id), p);
    });

    app.patch('/macros/:id', {
      config: authenticated,
      schema: {
        tags, summary: 'Change a macro (its owner; shared ones: managers and administrators)',
        params: IdParams, body: UpdateMacroBody, response: { 200: MacroJson, ...Errors },
      },
    }, async (req) => {
      const p = principalOf(req);
      return presentMacro(await updateMacroDefinition(deps, p, req.params.id, req.body), p);
    });

    app.delete('/macros/:id', {
      config: authenticated,
      schema: {
        tags, summary: 'Delete a macro (its owner; shared ones: managers and administrators)',
        params: IdParams, response: { 204: z.null(), ...Errors },
      },
    }, async (req, reply) => {
      await removeMacro(deps, principalOf(req), req.params.id);
      return reply.status(204).send(null);
    });

    app.post('/tickets/:id/macros/:macroId/render', {
      config: authenticated,
      schema: {
        tags, summary: 'Preview a macro on a ticket (agents)',
        description: 'The reply in the requester’s language (else the other one), variables filled in, and the changes it makes. Changes nothing.',
        params: MacroTicketParams, response: { 200: RenderedMacroJson, ...Errors },
      },
    }, async (req) => {
      const p = principalOf(req);
      const r = await renderMacro(deps, p, req.params.id, req.params.macroId);
      return { macro: presentMacro(r.macro, p), language: r.language, body: r.body, actions: r.actions };
    });

    app.post('/tickets/:id/macros/:macroId/apply', {
      config: authenticated,
      schema: {
        tags, summary: 'Apply a macro to a ticket (agents)',
        description:
          'In one transaction: the public reply (the macro’s text, or `body` as edited; empty = none) and the macro’s ' +
          'changes (less `omit_actions`), each timeline entry naming the macro. A change the lifecycle refuses ' +
          'rolls everything back (409).',
        params: MacroTicketParams, headers: IdempotencyHeaders, body: ApplyMacroBody,
        response: { 200: AppliedMacroJson, 201: AppliedMacroJson, ...Errors },
      },
    }, async (req, reply) => {
      const p = principalOf(req);
      const r = await applyMacro(deps, p, req.params.id, req.params.macroId, {
        body: req.body.body, omitActions: req.body.omit_actions, idempotency: idempotencyClaim(req, p, req.body),
      });
      if (r.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(r.replayed ? 200 : 201).send({
        entry: r.entry ? presentTimelineEntry(r.entry) : null, ticket: await presentOneTicket(deps, r.ticket, principalOf(req)), changed: r.changed,
      });
    });
  };
}
