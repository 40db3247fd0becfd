import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import { safeEqual } from '../security/secrets.js';
import { principalFromSession, principalFromToken } from '../usecases/auth/resolve-principal.js';
import type { Deps } from '../usecases/deps.js';

export const SESSION_COOKIE = 'relais_session';
export const CSRF_COOKIE = 'relais_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Each route says who may call it; a route that says nothing fails start-up (fail closed). */
export type RouteAuth = 'public' | 'authenticated';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    principal: Principal | null;
    session: { id: string; csrfToken: string } | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates every request (API token or session cookie), enforces the route's `auth` setting and, for
 * cookie-authenticated writes, the CSRF token: the `x-csrf-token` header must carry the session's token
 * (double submit: it is also readable from the `relais_csrf` cookie by the web app).
 */
export function installAuth(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);

  app.addHook('onRoute', (route) => {
    const auth = (route.config as { auth?: RouteAuth } | undefined)?.auth;
    if (auth !== 'public' && auth !== 'authenticated' && !route.url.startsWith('/api/docs')) {
      throw new Error(`Route ${route.method} ${route.url} must declare config.auth`);
    }
  });

  // onRequest: before the body is read or validated, so an anonymous caller gets 401, never a 400 or 413.
  app.addHook('onRequest', async (req) => {
    const auth = req.routeOptions.config.auth ?? 'public';
    const header = req.headers.authorization;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const principal = m ? await principalFromToken(deps, m[1]!) : null;
      if (!principal) throw new DomainError('UNAUTHENTICATED', 'The API token is invalid, expired or revoked.');
      req.principal = principal;
    } else {
      const cookie = req.cookies[SESSION_COOKIE];
      const resolved = cookie ? await principalFromSession(deps, cookie) : null;
      if (resolved) {
        req.principal = resolved.principal;
        req.session = { id: resolved.sessionId, csrfToken: resolved.csrfToken };
      }
    }
    if (auth === 'public') return;
    if (!req.principal) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
    if (req.session && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, req.session.csrfToken)) {
        throw new DomainError('CSRF_FAILED', 'Missing or wrong CSRF token (send the x-csrf-token header).');
      }
    }
  });
}

/** The caller of an authenticated route. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  return req.principal;
}
