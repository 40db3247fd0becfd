import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import type { Hub } from '../../realtime/hub.js';
import { currentUser } from '../../usecases/auth/current-user.js';
import { principalFromSession, principalFromToken } from '../../usecases/auth/resolve-principal.js';
import type { Deps } from '../../usecases/deps.js';
import { SESSION_COOKIE, principalOf } from '../auth.js';

/** Whether a browser page at `origin` may open a socket here: same host as the request, or the public URL. */
export function originAllowed(origin: string | undefined, host: string | undefined, publicUrl: string | null): boolean {
  // Browsers always send Origin on a WebSocket handshake; without one the client is not a browser, and the
  // cross-site attack this check stops (a page riding the visitor's cookie) cannot happen.
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file://) and garbage
  }
  if (publicUrl && url.origin === new URL(publicUrl).origin) return true;
  return (url.protocol === 'http:' || url.protocol === 'https:') && host !== undefined && url.host === host.toLowerCase();
}

/** The credentials a socket was opened with, resolved again later (see Hub heartbeat). */
function reauthFor(deps: Deps, req: FastifyRequest): () => Promise<Principal | null> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer) return () => principalFromToken(deps, bearer);
  const cookie = req.cookies[SESSION_COOKIE] ?? '';
  return async () => (await principalFromSession(deps, cookie))?.principal ?? null;
}

/**
 * GET /api/v1/ws: the realtime socket (protocol in src/realtime/protocol.ts). Authentication, the origin check
 * and authorization all run as ordinary hooks before the upgrade, so a refused handshake gets a plain HTTP
 * answer (401, 403) and never a socket. A plain GET without upgrade answers 426.
 */
export function realtimeRoutes(deps: Deps, hub: Hub, publicUrl: string | null): FastifyPluginAsync {
  return async (app) => {
    const names = new WeakMap<object, string>();
    app.route({
      method: 'GET',
      url: '/ws',
      config: { auth: 'authenticated' },
      schema: { hide: true },
      onRequest: async (req) => {
        if (!originAllowed(req.headers.origin, req.headers.host, publicUrl)) {
          throw new DomainError('FORBIDDEN', 'WebSocket connections from another origin are refused.');
        }
      },
      preHandler: async (req) => {
        const p = principalOf(req);
        if (p.kind === 'agent') requireAgent(p, 'agent', 'tickets:read');
        names.set(req.raw, (await currentUser(deps, p)).name);
      },
      handler: async (_req, reply) =>
        reply.status(426).header('upgrade', 'websocket').send({
          error: { code: 'UPGRADE_REQUIRED', message: 'Open this URL as a WebSocket (see src/realtime/protocol.ts).' },
        }),
      wsHandler: (socket, req) => {
        hub.attach(socket, {
          principal: principalOf(req),
          name: names.get(req.raw) ?? '',
          sessionId: req.session?.id ?? null,
          reauth: reauthFor(deps, req),
        });
      },
    });
  };
}
