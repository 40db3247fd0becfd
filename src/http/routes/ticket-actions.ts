import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../usecases/deps.js';
import { addNote } from '../../usecases/tickets/add-note.js';
import { addReply } from '../../usecases/tickets/add-reply.js';
import { assignTicket } from '../../usecases/tickets/assign-ticket.js';
import { changeTicketStatus } from '../../usecases/tickets/change-status.js';
import { getTimeline } from '../../usecases/tickets/get-timeline.js';
import { updateTicket } from '../../usecases/tickets/update-ticket.js';
import { principalOf } from '../auth.js';
import { presentOneTicket } from '../presenters/ticket.js';
import { presentTimelineEntry } from '../presenters/timeline.js';
import { ErrorResponse } from '../schemas/common.js';
import { AssignBody, ChangeStatusBody, MessageBodyJson, ReplyBodyJson, ReplyResult, TimelineEntryJson, TimelineList } from '../schemas/ticket-actions.js';
import { TicketJson, UpdateTicketBody } from '../schemas/tickets.js';
import { ticketRelationRoutes } from './ticket-relations.js';
import { TicketParams } from './tickets.js';
import { IdempotencyHeaders, idempotencyClaim } from '../idempotency.js';

const WRITE_ERRORS = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** What happens to a ticket after it is created: edits, status, assignment, replies, notes, its timeline. */
export function ticketActionRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.patch('/tickets/:id', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['tickets'],
        summary: 'Change a ticket (agents)',
        description:
          'Only the fields sent change. Urgency or impact recompute the priority from the matrix. Each kind of ' +
          'change is written to the timeline with `reason`; a patch that changes nothing writes nothing. ' +
          'Closed and merged tickets refuse changes (409).',
        params: TicketParams,
        body: UpdateTicketBody,
        response: { 200: TicketJson, ...WRITE_ERRORS },
      },
    }, async (req) => {
      const b = req.body;
      const ticket = await updateTicket(deps, principalOf(req), req.params.id, {
        type: b.type, subject: b.subject, description: b.description, status: b.status, urgency: b.urgency,
        impact: b.impact, categoryId: b.category_id, tags: b.tags, teamId: b.team_id, assigneeId: b.assignee_id,
        tier: b.tier, equipmentBrand: b.equipment_brand, equipmentModel: b.equipment_model, reason: b.reason,
      });
      return presentOneTicket(deps, ticket, principalOf(req));
    });

    app.post('/tickets/:id/status', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['tickets'],
        summary: 'Change the status',
        description: 'Agents: any move the lifecycle allows. Requesters: mark their own ticket resolved, or reopen it once resolved.',
        params: TicketParams,
        body: ChangeStatusBody,
        response: { 200: TicketJson, ...WRITE_ERRORS },
      },
    }, async (req) =>
      presentOneTicket(deps, await changeTicketStatus(deps, principalOf(req), req.params.id, { status: req.body.status, reason: req.body.reason }), principalOf(req)),
    );

    app.post('/tickets/:id/assign', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['tickets'],
        summary: 'Assign a ticket (agents)',
        description: 'The assignee must be an active agent and, when the ticket has a team, a member of it (409 INVALID_ASSIGNMENT).',
        params: TicketParams,
        body: AssignBody,
        response: { 200: TicketJson, ...WRITE_ERRORS },
      },
    }, async (req) =>
      presentOneTicket(deps, await assignTicket(deps, principalOf(req), req.params.id, {
        assigneeId: req.body.assignee_id, teamId: req.body.team_id, reason: req.body.reason,
      }), principalOf(req)),
    );

    app.post('/tickets/:id/replies', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['tickets'],
        summary: 'Reply publicly',
        description:
          'Agents and requesters who can see the ticket. The first agent reply sets first_response_at and opens a ' +
          'new ticket; a requester reply reopens a pending or resolved ticket.',
        params: TicketParams,
        headers: IdempotencyHeaders,
        body: ReplyBodyJson,
        response: { 200: ReplyResult, 201: ReplyResult, ...WRITE_ERRORS },
      },
    }, async (req, reply) => {
      const p = principalOf(req);
      const r = await addReply(deps, p, req.params.id, {
        body: req.body.body, attachmentIds: req.body.attachment_ids, idempotency: idempotencyClaim(req, p, req.body),
      });
      if (r.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(r.replayed ? 200 : 201).send({ entry: presentTimelineEntry(r.entry), ticket: await presentOneTicket(deps, r.ticket, principalOf(req)) });
    });

    app.post('/tickets/:id/notes', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['tickets'],
        summary: 'Add an internal note (agents)',
        description: 'Never shown to requesters; searchable by agents only.',
        params: TicketParams,
        headers: IdempotencyHeaders,
        body: MessageBodyJson,
        response: { 200: TimelineEntryJson, 201: TimelineEntryJson, ...WRITE_ERRORS },
      },
    }, async (req, reply) => {
      const p = principalOf(req);
      const r = await addNote(deps, p, req.params.id, { body: req.body.body, idempotency: idempotencyClaim(req, p, req.body) });
      if (r.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(r.replayed ? 200 : 201).send(presentTimelineEntry(r.entry));
    });

    app.get('/tickets/:id/timeline', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['tickets'],
        summary: 'The ticket history',
        description:
          'Oldest first, including the entries of tickets merged into this one (see ticket_number). Requesters ' +
          'see public replies and status events only.',
        params: TicketParams,
        response: { 200: TimelineList, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    }, async (req) => ({ data: (await getTimeline(deps, principalOf(req), req.params.id)).map(presentTimelineEntry) }));

    await app.register(ticketRelationRoutes(deps));
  };
}
