import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { issueToken } from '../../usecases/admin/issue-token.js';
import { listTokensFor } from '../../usecases/admin/list-tokens.js';
import { revokeToken } from '../../usecases/admin/revoke-token.js';
import type { Deps } from '../../usecases/deps.js';
import { principalOf } from '../auth.js';
import { presentToken } from '../presenters/admin.js';
import { CreateTokenBody, IssuedTokenJson, ListTokensQuery, TokenList } from '../schemas/admin.js';
import { ErrorResponse } from '../schemas/common.js';
import { IdParams } from '../schemas/directory.js';

const Errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const authenticated = { auth: 'authenticated' } as const;

/** API tokens: `Authorization: Bearer rls_…`, acting as the agent who issued them, narrowed to their scopes. */
export function tokenRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/tokens', {
      config: authenticated,
      schema: {
        tags: ['tokens'],
        summary: 'Issue an API token',
        description:
          'The secret is in the answer once and never again (only its hash is stored). Each scope must be one your ' +
          'role grants. Issue from a signed-in session, or with a token holding the admin scope.',
        body: CreateTokenBody,
        response: { 201: IssuedTokenJson, ...Errors },
      },
    }, async (req, reply) => {
      const b = req.body;
      const { token, secret } = await issueToken(deps, principalOf(req), {
        name: b.name, scopes: b.scopes, expiresAt: b.expires_at ? new Date(b.expires_at) : null,
      }, req.ip);
      return reply.status(201).send({ ...presentToken(token, deps.clock.now()), token: secret });
    });

    app.get('/tokens', {
      config: authenticated,
      schema: { tags: ['tokens'], summary: 'List your API tokens (admins: all=true for everyone’s)', querystring: ListTokensQuery, response: { 200: TokenList, ...Errors } },
    }, async (req) => {
      const now = deps.clock.now();
      const tokens = await listTokensFor(deps, principalOf(req), { all: req.query.all === 'true' });
      return { data: tokens.map((t) => presentToken(t, now)) };
    });

    app.delete('/tokens/:id', {
      config: authenticated,
      schema: { tags: ['tokens'], summary: 'Revoke an API token (yours; admins: any)', params: IdParams, response: { 204: z.null(), ...Errors } },
    }, async (req, reply) => {
      await revokeToken(deps, principalOf(req), req.params.id, req.ip);
      return reply.status(204).send(null);
    });
  };
}
