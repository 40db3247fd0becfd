import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config/config.js';
import type { Hub } from '../../realtime/hub.js';
import { currentUser, type CurrentUser } from '../../usecases/auth/current-user.js';
import { login, logout } from '../../usecases/auth/login.js';
import type { Deps } from '../../usecases/deps.js';
import { CSRF_COOKIE, SESSION_COOKIE, principalOf } from '../auth.js';
import { LoginBody, MeJson } from '../schemas/auth.js';
import { ErrorResponse } from '../schemas/common.js';

/** The wire shape of the signed-in person. */
function presentMe(me: CurrentUser, csrfToken: string | null): z.infer<typeof MeJson> {
  return {
    kind: me.kind, id: me.id, name: me.name, role: me.role, language: me.language,
    time_zone: me.timeZone, team_ids: me.teamIds, csrf_token: csrfToken,
  };
}

export function authRoutes(deps: Deps, config: Config, hub?: Hub): FastifyPluginAsyncZod {
  const secure =
    config.cookieSecure === 'auto' ? (config.publicUrl?.startsWith('https://') ?? false) : config.cookieSecure;
  return async (app) => {
    app.post('/auth/login', {
      config: { auth: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in (agents and requesters)',
        description:
          'Sets an HttpOnly session cookie. Cookie-authenticated writes must send the returned csrf_token in the ' +
          'x-csrf-token header (it is also in the relais_csrf cookie).',
        body: LoginBody,
        response: { 200: MeJson, 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse },
      },
    }, async (req, reply) => {
      const r = await login(deps, {
        email: req.body.email,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
        sessionTtlHours: config.sessionTtlHours,
      });
      const common = { path: '/', secure, sameSite: 'lax' as const, expires: r.expiresAt };
      void reply.setCookie(SESSION_COOKIE, r.sessionSecret, { ...common, httpOnly: true });
      void reply.setCookie(CSRF_COOKIE, r.csrfToken, { ...common, httpOnly: false });
      return presentMe(await currentUser(deps, r.principal), r.csrfToken);
    });

    app.post('/auth/logout', {
      config: { auth: 'authenticated' },
      schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null(), 401: ErrorResponse } },
    }, async (req, reply) => {
      const p = principalOf(req);
      if (req.session) {
        await logout(deps, req.session.id, { kind: p.kind, id: p.id }, req.ip);
        hub?.disconnectSession(req.session.id); // this process's sockets; others notice at their next check
      }
      void reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });

    app.get('/auth/me', {
      config: { auth: 'authenticated' },
      schema: { tags: ['auth'], summary: 'Who am I', response: { 200: MeJson, 401: ErrorResponse } },
    }, async (req) => {
      return presentMe(await currentUser(deps, principalOf(req)), req.session?.csrfToken ?? null);
    });
  };
}
