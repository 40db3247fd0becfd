import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../usecases/deps.js';
import { linkTickets } from '../../usecases/tickets/link-tickets.js';
import { listLinks } from '../../usecases/tickets/list-links.js';
import { mergeTickets } from '../../usecases/tickets/merge-tickets.js';
import { unlinkTickets } from '../../usecases/tickets/unlink-tickets.js';
import { principalOf } from '../auth.js';
import { presentTicketsWithRequesters } from '../presenters/ticket.js';
import { presentLink } from '../presenters/ticket-link.js';
import { ErrorResponse } from '../schemas/common.js';
import { LinkBody, LinkJson, LinkList, LinkParams, MergeBody, MergeResult } from '../schemas/ticket-actions.js';
import { TicketParams } from './tickets.js';

const WRITE_ERRORS = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** Merging tickets and linking them (related, parent/child, duplicate). Agents only. */
export function ticketRelationRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/tickets/:id/merge', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['tickets'],
        summary: 'Merge this ticket into another (agents)',
        description:
          'The ticket in the URL is closed and points to the survivor (`into`); its tags join the survivor and ' +
          'the survivor’s timeline shows both histories.',
        params: TicketParams,
        body: MergeBody,
        response: { 200: MergeResult, ...WRITE_ERRORS },
      },
    }, async (req) => {
      const r = await mergeTickets(deps, principalOf(req), req.params.id, { into: req.body.into, reason: req.body.reason });
      const [source, survivor] = await presentTicketsWithRequesters(deps, [r.source, r.survivor], principalOf(req));
      return { source: source!, survivor: survivor! };
    });

    app.post('/tickets/:id/links', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['tickets'],
        summary: 'Link two tickets (agents)',
        description:
          'related is symmetric; parent_child: `role` says whether the ticket in the URL is the parent (default) ' +
          'or the child; duplicate: the ticket in the URL duplicates `ticket`. Two tickets share at most one link.',
        params: TicketParams,
        body: LinkBody,
        response: { 201: LinkJson, ...WRITE_ERRORS },
      },
    }, async (req, reply) => {
      const b = req.body;
      const link = await linkTickets(deps, principalOf(req), req.params.id, { kind: b.kind, ticket: b.ticket, role: b.role });
      return reply.status(201).send(presentLink(link));
    });

    app.get('/tickets/:id/links', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['tickets'],
        summary: 'Links of a ticket (agents)',
        params: TicketParams,
        response: { 200: LinkList, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    }, async (req) => ({ data: (await listLinks(deps, principalOf(req), req.params.id)).map(presentLink) }));

    app.delete('/tickets/:id/links/:linkId', {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['tickets'],
        summary: 'Remove a link (agents)',
        params: LinkParams,
        response: { 204: z.null(), ...WRITE_ERRORS },
      },
    }, async (req, reply) => {
      await unlinkTickets(deps, principalOf(req), req.params.id, req.params.linkId);
      return reply.status(204).send(null);
    });
  };
}
