import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import type { Engine } from '../../store/db.js';

const startedAt = Date.now();

/** /health answers from memory, never waiting on the database, so it stays fast while a slow query runs. */
export function systemRoutes(engine: Engine, metrics: Registry): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/health', {
      config: { auth: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness',
        response: { 200: z.object({ status: z.literal('ok'), engine: z.enum(['embedded', 'postgres']), uptime_seconds: z.number() }) },
      },
    }, async () => ({ status: 'ok' as const, engine, uptime_seconds: Math.round((Date.now() - startedAt) / 1000) }));

    app.get('/metrics', {
      config: { auth: 'public' },
      schema: { tags: ['system'], summary: 'Prometheus metrics', hide: false },
    }, async (_req, reply) => {
      void reply.header('content-type', metrics.contentType);
      return metrics.metrics();
    });
  };
}
