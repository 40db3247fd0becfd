import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type ErrorCode, type ErrorDetail } from '../domain/errors.js';
import { HTTP_STATUS } from './error-map.js';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

const body = (code: ErrorCode, message: string, details?: unknown): ErrorBody => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

/** Fastify's own errors for bad requests, mapped to our codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
};

/** PostgreSQL errors that mean the request conflicts with stored data rather than a server fault. */
const PG_CODES: Record<string, ErrorCode> = { '23505': 'CONFLICT', '23503': 'CONFLICT', '40001': 'CONFLICT', '40P01': 'CONFLICT' };

/** One JSON error shape for every failure: `{ error: { code, message, details } }`. Bad input never gives 500. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof DomainError) {
      const status = HTTP_STATUS[err.code];
      if (err.code === 'TOO_MANY_ATTEMPTS') {
        const retry = (err.details as { retry_after_seconds?: number } | undefined)?.retry_after_seconds;
        if (retry) void reply.header('retry-after', String(retry));
      }
      return reply.status(status).send(body(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details: ErrorDetail[] = err.validation.map((v) => {
        const path = [v.instancePath.replace(/^\//, '').replace(/\//g, '.')].filter(Boolean);
        const keys = (v.params as { issue?: { keys?: string[] } }).issue?.keys;
        const where = err.validationContext ?? 'body';
        return {
          path: [where, ...path, ...(keys?.length ? [keys.join(',')] : [])].join('.'),
          message: v.message ?? 'invalid',
        };
      });
      return reply.status(400).send(body('VALIDATION_FAILED', 'The request is not valid.', details));
    }
    const fastifyCode = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (fastifyCode) return reply.status(HTTP_STATUS[fastifyCode]).send(body(fastifyCode, err.message));
    if (err instanceof SyntaxError || (err.statusCode === 400 && /JSON/i.test(err.message))) {
      return reply.status(400).send(body('INVALID_JSON', 'The request body is not valid JSON.'));
    }
    const pgCode = (err as { code?: string }).code;
    if (pgCode && PG_CODES[pgCode]) {
      return reply.status(409).send(body('CONFLICT', 'The request conflicts with the current state; retry it.'));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const code: ErrorCode = err.statusCode === 404 ? 'NOT_FOUND' : err.statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'VALIDATION_FAILED';
      return reply.status(err.statusCode).send(body(code, err.message));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL', 'Something went wrong on our side; it has been logged.'));
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send(body('NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}.`)),
  );
}
