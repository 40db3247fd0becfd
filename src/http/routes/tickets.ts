import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { createTicket } from '../../usecases/create-ticket.js';
import type { Deps } from '../../usecases/deps.js';
import { getTicket } from '../../usecases/get-ticket.js';
import { listTicketsFor } from '../../usecases/list-tickets.js';
import type { TicketSortField } from '../../domain/ticket.js';
import { principalOf } from '../auth.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { IdempotencyHeaders, idempotencyClaim } from '../idempotency.js';
import { presentTicket } from '../presenters/ticket.js';
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
      return reply.status(replayed ? 200 : 201).send(presentTicket(ticket));
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
          'relevance when q is given). Follow `next_cursor` for the next page.',
        querystring: ListTicketsQuery,
        response: { 200: TicketList, 400: ErrorResponse, 401: ErrorResponse },
      },
    }, async (req) => {
      const p = principalOf(req);
      const q = req.query;
      const sortSpec = q.sort ?? (q.q ? '-relevance' : '-updated_at');
      const sort = sortSpec.replace(/^-/, '') as TicketSortField;
      const direction = sortSpec.startsWith('-') ? 'desc' : 'asc';
      if (sort === 'relevance' && !q.q) {
        throw new DomainError('VALIDATION_FAILED', 'Sorting by relevance needs a search text.', [
          { path: 'query.sort', message: 'relevance needs q' },
        ]);
      }
      const assignee = q.assignee === 'me' ? (p.kind === 'agent' ? p.id : 'none') : q.assignee;
      const page = await listTicketsFor(deps, p, {
        filters: {
          status: q.status, teamId: q.team, assigneeId: assignee, requesterId: q.requester,
          organizationId: q.organization, priority: q.priority, tier: q.tier, categoryId: q.category,
          tag: q.tag, channel: q.channel, type: q.type, q: q.q,
        },
        sort,
        direction,
        limit: q.limit,
        after: q.cursor ? decodeCursor(sortSpec, q.cursor) : null,
      });
      return {
        data: page.tickets.map(presentTicket),
        next_cursor: page.last ? encodeCursor(sortSpec, page.last) : null,
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
    }, async (req) => presentTicket(await getTicket(deps, principalOf(req), req.params.id)));
  };
}
