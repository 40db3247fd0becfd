import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../usecases/deps.js';
import { listQueues } from '../../usecases/queues/list-queues.js';
import { principalOf } from '../auth.js';
import { ErrorResponse } from '../schemas/common.js';
import { QueueList } from '../schemas/views.js';
import { storedQueryFor } from '../ticket-query.js';

/** The console's sidebar: built-in queues and saved views, with how many tickets each lists for the caller. */
export function queueRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/queues', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['views'],
        summary: 'Queues and their counts (agents)',
        description:
          'Built-in queues in this order: mine, team_unassigned, open, pending, recent (name null), then the ' +
          'caller’s saved views and the shared ones (key = view id). `count` is what GET /tickets with `query` ' +
          'lists for the caller; pass `query` to it to open the queue.',
        response: { 200: QueueList, 401: ErrorResponse, 403: ErrorResponse },
      },
    }, async (req) => {
      const p = principalOf(req);
      return { data: await listQueues(deps, p, (query) => storedQueryFor(p, query).filters) };
    });
  };
}
