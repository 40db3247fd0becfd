import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../usecases/deps.js';
import { createView } from '../../usecases/views/create-view.js';
import { deleteView } from '../../usecases/views/delete-view.js';
import { listViews } from '../../usecases/views/list-views.js';
import { updateView } from '../../usecases/views/update-view.js';
import { principalOf } from '../auth.js';
import { presentView } from '../presenters/view.js';
import { ErrorResponse } from '../schemas/common.js';
import { CreateViewBody, UpdateViewBody, ViewJson, ViewList } from '../schemas/views.js';

const ViewParams = z.object({ id: z.uuid() });
const ERRORS = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** Saved views (agents): named ticket lists, private or shared with every agent. */
export function viewRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/views', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['views'],
        summary: 'Saved views (agents)',
        description: 'The caller’s own views, then the views other agents share.',
        response: { 200: ViewList, 401: ErrorResponse, 403: ErrorResponse },
      },
    }, async (req) => ({ data: (await listViews(deps, principalOf(req))).map(presentView) }));

    app.post('/views', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['views'],
        summary: 'Save a view (agents)',
        description:
          '`query` is the query string of GET /tickets as an object of strings (no limit or cursor), e.g. ' +
          '{ "status": "new,open", "team": "mine" }. `me` and `mine` mean whoever opens the view.',
        body: CreateViewBody,
        response: { 201: ViewJson, ...ERRORS },
      },
    }, async (req, reply) => reply.status(201).send(presentView(await createView(deps, principalOf(req), req.body))));

    app.patch('/views/:id', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['views'],
        summary: 'Change a view (its owner; administrators for shared views)',
        params: ViewParams,
        body: UpdateViewBody,
        response: { 200: ViewJson, ...ERRORS },
      },
    }, async (req) => presentView(await updateView(deps, principalOf(req), req.params.id, req.body)));

    app.delete('/views/:id', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['views'],
        summary: 'Delete a view (its owner; administrators for shared views)',
        params: ViewParams,
        response: { 204: z.null(), ...ERRORS },
      },
    }, async (req, reply) => {
      await deleteView(deps, principalOf(req), req.params.id);
      return reply.status(204).send(null);
    });
  };
}
