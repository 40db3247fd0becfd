import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config/config.js';
import type { Deps } from '../usecases/deps.js';
import { installAuth } from './auth.js';
import { installErrorHandling } from './errors.js';
import { installMetrics } from './metrics.js';
import { apiRoutes } from './routes/index.js';
import { systemRoutes } from './routes/system.js';

export interface AppOptions {
  deps: Deps;
  config: Config;
  /** false in tests that do not want logs. */
  logger?: boolean;
  /** Where JSON logs go (stdout by default); tests capture them to check nothing secret is written. */
  logStream?: NodeJS.WritableStream;
}

/** Never logged: credentials, cookies, tokens, passwords wherever they appear. */
export const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
];

export async function buildApp({ deps, config, logger = true, logStream }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger
      ? { level: config.logLevel, redact: { paths: REDACT, censor: '[redacted]' }, ...(logStream ? { stream: logStream } : {}) }
      : false,
    bodyLimit: config.bodyLimitBytes,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    trustProxy:
      typeof config.trustProxy === 'number'
        ? ((hops: number) => (_address: string, hop: number) => hop < hops)(config.trustProxy)
        : config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
    // API answers are never framed, sniffed or cached by shared caches.
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('referrer-policy', 'same-origin');
    if (req.url.startsWith('/api/v1/')) void reply.header('cache-control', 'no-store');
  });

  installErrorHandling(app);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Relais API', version: '1', description: 'The help desk API: tickets, people, teams, search.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token (rls_…) from POST /api/v1/tokens' },
          session: { type: 'apiKey', in: 'cookie', name: 'relais_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installAuth(app, deps);
  const metrics = installMetrics(app);

  await app.register(systemRoutes(deps.db.engine, metrics));
  await app.register(apiRoutes(deps, config), { prefix: '/api/v1' });
  app.get('/api/v1/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());
  return app;
}
