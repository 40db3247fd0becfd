import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../usecases/deps.js';
import { listMyNotifications, readMyNotifications } from '../../usecases/notifications/agent-notifications.js';
import { principalOf } from '../auth.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { ErrorResponse, Limit, Uuid } from '../schemas/common.js';
import { NotificationList } from '../schemas/notifications.js';

const Errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };
const ListQuery = z.strictObject({ unread: z.enum(['true', 'false']).optional(), limit: Limit, cursor: z.string().max(200).optional() });
const ReadBody = z.union([z.strictObject({ ids: z.array(Uuid).min(1).max(500) }), z.strictObject({ all: z.literal(true) })]);

/** The signed-in agent's in-app notifications. */
export function notificationRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/notifications', {
      config: { auth: 'authenticated' },
      schema: { tags: ['notifications'], summary: 'My notifications, newest first (agents)', querystring: ListQuery, response: { 200: NotificationList, ...Errors } },
    }, async (req) => {
      const q = req.query;
      const before = q.cursor ? decodeCursor('notifications', q.cursor) : undefined;
      const page = await listMyNotifications(deps, principalOf(req), {
        unreadOnly: q.unread === 'true', limit: q.limit, before: before ? { createdAt: new Date(String(before[0])), id: before[1] } : undefined,
      });
      const last = page.items.at(-1);
      return {
        data: page.items.map((n) => ({
          id: n.id, kind: n.kind, title: n.title, body: n.body, data: n.data,
          ticket: n.ticket_id && n.ticket_number !== null ? { id: n.ticket_id, number: n.ticket_number } : null,
          created_at: n.created_at.toISOString(), read_at: n.read_at ? n.read_at.toISOString() : null,
        })),
        unread_count: page.unread,
        next_cursor: page.hasMore && last ? encodeCursor('notifications', [last.created_at.toISOString(), last.id]) : null,
      };
    });

    app.post('/notifications/read', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['notifications'], summary: 'Mark my notifications read: some ids, or all (agents)', body: ReadBody,
        response: { 200: z.object({ updated: z.number().int(), unread_count: z.number().int() }), ...Errors },
      },
    }, async (req) => {
      const r = await readMyNotifications(deps, principalOf(req), 'ids' in req.body ? req.body.ids : 'all');
      return { updated: r.updated, unread_count: r.unread };
    });
  };
}
