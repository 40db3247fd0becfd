import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config/config.js';
import type { Deps } from '../../usecases/deps.js';
import { authRoutes } from './auth.js';
import { ticketRoutes } from './tickets.js';

/** Every /api/v1 route area. */
export function apiRoutes(deps: Deps, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(authRoutes(deps, config));
    await app.register(ticketRoutes(deps));
  };
}
