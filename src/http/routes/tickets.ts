import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createTicket } from '../../usecases/create-ticket.js';
import type { Deps } from '../../usecases/deps.js';
import { getTicket } from '../../usecases/get-ticket.js';
import { listTicketsFor } from '../../usecases/list-tickets.js';
import { principalOf } from '../auth.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { IdempotencyHeaders, idempotencyClaim } from '../idempotency.js';
import { presentOneTicket, presentTicket } from '../presenters/ticket.js';
import { ticketQueryFor } from '../ticket-query.js';
import { ErrorResponse } from '../schemas/common.js';
import { CreateTicketBody, ListTicketsQuery, TicketJson, TicketList } from '../schemas/tickets.js';


export const TicketParams = z.object({ id: z.string().min(1).max(64).describe('Ticket id (UUID) or number (1042)') });

export function ticketRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/tickets', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['tickets'],
        summary: 'Create a ticket',
        description: 'Send an Idempotency-Key header to make retries safe: the same key never creates a second ticket.',
        headers: IdempotencyHeaders,
        body: CreateTicketBody,
        response: { 200: TicketJson, 201: TicketJson, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    }, async (req, reply) => {
      const p = principalOf(req);
      const b = req.body;
      const { ticket, replayed } = await createTicket(deps, p, {
        type: b.type,
        subject: b.subject,
        description: b.description,
        urgency: b.urgency,
        impact: b.impact,
        categoryId: b.category_id,
        tags: b.tags,
        channel: b.channel,
        requesterId: b.requester_id,
        requesterEmail: b.requester_email,
        requesterName: b.requester_name,
        teamId: b.team_id,
        assigneeId: b.assignee_id,
        tier: b.tier,
        equipmentBrand: b.equipment_brand,
        equipmentModel: b.equipment_model,
        idempotency: idempotencyClaim(req, p, b),
      });
      if (replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(replayed ? 200 : 201).send(await presentOneTicket(deps, ticket, principalOf(req)));
    });

    app.get('/tickets', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['tickets'],
        summary: 'List and search tickets',
        description:
          'Filters combine (AND); list values are comma-separated. `q` searches subjects, descriptions and the ' +
          'timeline in French and English, accent-insensitive; a ticket number (#1042) or a requester email also ' +
          'finds its tickets. `sort` is a field, with a leading - for descending (default -updated_at, or ' +
          'relevance when q is given). `assignee=me` and `team=mine` mean the caller and the caller\'s teams; ' +
          '`updated_after` (an ISO time) keeps tickets changed since. Follow `next_cursor` for the next page.',
        querystring: ListTicketsQuery,
        response: { 200: TicketList, 400: ErrorResponse, 401: ErrorResponse },
      },
    }, async (req) => {
      const p = principalOf(req);
      const { limit, cursor, ...query } = req.query;
      const input = ticketQueryFor(p, query);
      const page = await listTicketsFor(deps, p, {
        filters: input.filters,
        sort: input.sort,
        direction: input.direction,
        limit,
        after: cursor ? decodeCursor(input.sortSpec, cursor) : null,
      });
      return {
        data: page.tickets.map((t) => presentTicket(t, page.requesters, { now: deps.clock.now(), agent: principalOf(req).kind === 'agent' })),
        next_cursor: page.last ? encodeCursor(input.sortSpec, page.last) : null,
      };
    });

    app.get('/tickets/:id', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['tickets'],
        summary: 'Get a ticket by id or number',
        params: TicketParams,
        response: { 200: TicketJson, 401: ErrorResponse, 404: ErrorResponse },
      },
    }, async (req) => presentOneTicket(deps, await getTicket(deps, principalOf(req), req.params.id), principalOf(req)));
  };
}
