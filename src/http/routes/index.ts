import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config/config.js';
import type { Deps } from '../../usecases/deps.js';
import { adminRoutes } from './admin.js';
import { authRoutes } from './auth.js';
import { directoryRoutes } from './directory.js';
import { ticketActionRoutes } from './ticket-actions.js';
import { ticketRoutes } from './tickets.js';
import { tokenRoutes } from './tokens.js';

/** Every /api/v1 route area. */
export function apiRoutes(deps: Deps, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(authRoutes(deps, config));
    await app.register(directoryRoutes(deps));
    await app.register(adminRoutes(deps));
    await app.register(tokenRoutes(deps));
    await app.register(ticketRoutes(deps));
    await app.register(ticketActionRoutes(deps));
  };
}
