import { startEmailChannel, type EmailChannel } from '../channels/email/start.js';
import { startScheduler } from '../jobs/start.js';
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config/config.js';
import type { HubOptions } from '../realtime/hub.js';
import { startRealtime, type Realtime } from '../realtime/start.js';
import type { Deps } from '../usecases/deps.js';
import { installAuth } from './auth.js';
import { installErrorHandling } from './errors.js';
import { installEmailMetrics, installMetrics } from './metrics.js';
import { apiRoutes } from './routes/index.js';
import { systemRoutes } from './routes/system.js';
import { staticRoutes } from './static.js';

export interface AppOptions {
  deps: Deps;
  config: Config;
  /** false in tests that do not want logs. */
  logger?: boolean;
  /** Where JSON logs go (stdout by default); tests capture them to check nothing secret is written. */
  logStream?: NodeJS.WritableStream;
  /** Tests shorten the realtime timers. */
  realtime?: Partial<HubOptions>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The WebSocket hub of this app and what feeds it (closed with the app). */
    realtime: Realtime;
    /** The e-mail channel: inbound processing, SMTP receiver, IMAP poller, outbound sender (closed with the app). */
    email: EmailChannel;
  }
}

/** Largest WebSocket message accepted from a client; bigger ones close the socket (1009). */
const WS_MAX_MESSAGE_BYTES = 4096;

/** Never logged: credentials, cookies, tokens, passwords wherever they appear. */
export const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
];

export async function buildApp({ deps, config, logger = true, logStream, realtime: hubOptions }: AppOptions): Promise<FastifyInstance> {
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
  // Before authentication and any route: the plugin wraps the routes registered after it, so an upgrade runs
  // the usual hooks, and its own onRequest hook must run first to mark upgrades, so that one refused by a
  // later hook (401, 403) still gets its socket closed after the answer.
  await app.register(websocket, { options: { maxPayload: WS_MAX_MESSAGE_BYTES } });
  installAuth(app, deps);
  const metrics = installMetrics(app);
  installEmailMetrics(metrics, deps.db);
  const realtime = await startRealtime(deps, config.databaseUrl, app.log, hubOptions);
  app.decorate('realtime', realtime);
  // preClose: the sockets go first, so closing the server does not wait on their close handshakes.
  app.addHook('preClose', async () => realtime.close());
  const email = await startEmailChannel(deps, config, app.log);
  app.decorate('email', email);
  app.addHook('onClose', async () => email.close());
  const scheduler = startScheduler(deps, config, app.log);
  app.addHook('onClose', async () => scheduler.close());

  await app.register(systemRoutes(deps.db.engine, metrics));
  await app.register(apiRoutes(deps, config, realtime.hub), { prefix: '/api/v1' });
  app.get('/api/v1/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());
  await app.register(staticRoutes(config.webDir));
  return app;
}
