import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Sql } from '../store/db.js';
import { emailQueueDepths } from '../store/email.js';

/** Prometheus metrics for this process: Node's defaults plus request counts and durations per route. */
export function installMetrics(app: FastifyInstance): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'relais_' });
  const duration = new Histogram({
    name: 'relais_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const requests = new Counter({
    name: 'relais_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    const labels = { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });
  return registry;
}

/**
 * E-mail queue depths, read from the database at each scrape: shared by every process, so any one of them
 * reports the whole installation. Mail waiting here for long means a worker or the relay is in trouble.
 */
export function installEmailMetrics(registry: Registry, sql: Sql): void {
  new Gauge({
    name: 'relais_email_messages',
    help: 'E-mail messages by direction and state: inbound received (not yet filed) or failed, outbound queued or failed',
    labelNames: ['direction', 'state'] as const,
    registers: [registry],
    async collect() {
      const d = await emailQueueDepths(sql);
      this.set({ direction: 'inbound', state: 'pending' }, d.inboundPending);
      this.set({ direction: 'inbound', state: 'failed' }, d.inboundFailed);
      this.set({ direction: 'outbound', state: 'queued' }, d.outboundQueued);
      this.set({ direction: 'outbound', state: 'failed' }, d.outboundFailed);
    },
  });
}
