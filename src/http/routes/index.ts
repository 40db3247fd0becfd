import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config/config.js';
import type { Hub } from '../../realtime/hub.js';
import type { Deps } from '../../usecases/deps.js';
import { adminRoutes } from './admin.js';
import { authRoutes } from './auth.js';
import { automationRoutes } from './automations.js';
import { availabilityRoutes } from './availability.js';
import { calendarRoutes } from './calendars.js';
import { directoryRoutes } from './directory.js';
import { emailRoutes } from './email.js';
import { macroRoutes } from './macros.js';
import { mailboxRoutes } from './mailboxes.js';
import { notificationRoutes } from './notifications.js';
import { queueRoutes } from './queues.js';
import { realtimeRoutes } from './realtime.js';
import { routingRuleRoutes } from './routing-rules.js';
import { routingRoutes } from './routing.js';
import { skillRoutes } from './skills.js';
import { slaRoutes } from './sla.js';
import { ticketActionRoutes } from './ticket-actions.js';
import { ticketRoutes } from './tickets.js';
import { tokenRoutes } from './tokens.js';
import { viewRoutes } from './views.js';

/** Every /api/v1 route area. */
export function apiRoutes(deps: Deps, config: Config, hub: Hub): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(authRoutes(deps, config, hub));
    await app.register(directoryRoutes(deps));
    await app.register(availabilityRoutes(deps));
    await app.register(adminRoutes(deps));
    await app.register(calendarRoutes(deps));
    await app.register(automationRoutes(deps));
    await app.register(tokenRoutes(deps));
    await app.register(ticketRoutes(deps));
    await app.register(ticketActionRoutes(deps));
    await app.register(viewRoutes(deps));
    await app.register(macroRoutes(deps));
    await app.register(queueRoutes(deps));
    await app.register(emailRoutes(deps, config));
    await app.register(mailboxRoutes(deps, config));
    await app.register(slaRoutes(deps));
    await app.register(routingRuleRoutes(deps));
    await app.register(routingRoutes(deps));
    await app.register(skillRoutes(deps));
    await app.register(notificationRoutes(deps));
    await app.register(realtimeRoutes(deps, hub, config.publicUrl));
  };
}
