import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../domain/principal.js';
import type { IdempotencyClaim } from '../store/idempotency.js';

export const IdempotencyHeaders = z
  .object({
    'idempotency-key': z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('Makes retries safe: a request repeated with the same key returns the first result (200) instead of acting twice.'),
  })
  .loose();

/** The Idempotency-Key claim of a create request, bound to the caller, the path and the body. */
export function idempotencyClaim(req: FastifyRequest, p: Principal, body: unknown): IdempotencyClaim | undefined {
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || key.length === 0) return undefined;
  return {
    principal: `${p.kind}:${p.id}`,
    key,
    route: `${req.method} ${req.url.split('?')[0]}`,
    requestHash: createHash('sha256').update(JSON.stringify(body ?? null)).digest('hex'),
  };
}
