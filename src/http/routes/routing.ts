import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../usecases/deps.js';
import { deEscalateTicket, escalateTicket } from '../../usecases/routing/escalate-ticket.js';
import { takeNextTicket } from '../../usecases/routing/take-next-ticket.js';
import { escalationReport } from '../../usecases/routing/tier-report.js';
import { principalOf } from '../auth.js';
import { presentOneTicket } from '../presenters/ticket.js';
import { ErrorResponse } from '../schemas/common.js';
import { DeEscalateBody, EscalateBody, EscalationReportJson, EscalationReportQuery, NextTicketBody, NextTicketJson } from '../schemas/routing.js';
import { TicketJson } from '../schemas/tickets.js';
import { TicketParams } from './tickets.js';

const Errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const authenticated = { auth: 'authenticated' } as const;

/** Escalation between tiers and teams, the pull queue, and the escalation report. */
export function routingRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/tickets/:id/escalate', {
      config: authenticated,
      schema: {
        tags: ['tickets'], summary: 'Escalate to a higher level or another team (agents)',
        description: 'Requires a handoff note (internal). The ticket leaves its assignee and is routed in the new team; ' +
          'the timeline says from where to where and who got it. Resolved, closed and merged tickets refuse (409).',
        params: TicketParams, body: EscalateBody, response: { 200: TicketJson, ...Errors },
      },
    }, async (req) => {
      const b = req.body;
      const ticket = await escalateTicket(deps, principalOf(req), req.params.id, {
        tier: b.tier, teamId: b.team_id, note: b.note, requiredSkills: b.required_skills,
      });
      return presentOneTicket(deps, ticket, principalOf(req));
    });

    app.post('/tickets/:id/de-escalate', {
      config: authenticated,
      schema: {
        tags: ['tickets'], summary: 'Send back down a level (agents)',
        description: 'By default back to the level and team the ticket came up from, and to the agent who escalated it ' +
          'when they are in that team. Requires a handoff note.',
        params: TicketParams, body: DeEscalateBody, response: { 200: TicketJson, ...Errors },
      },
    }, async (req) => {
      const b = req.body;
      const ticket = await deEscalateTicket(deps, principalOf(req), req.params.id, { tier: b.tier, teamId: b.team_id, note: b.note });
      return presentOneTicket(deps, ticket, principalOf(req));
    });

    app.post('/queue/next', {
      config: authenticated,
      schema: {
        tags: ['tickets'], summary: 'Take the next ticket (pull mode, agents)',
        description: 'Assigns you the most urgent unassigned ticket of your teams that you can take (your level or below, ' +
          'the skills it needs), by priority, then the nearest SLA deadline, then age. 409 AT_CAPACITY when you are full.',
        body: NextTicketBody, response: { 200: NextTicketJson, ...Errors },
      },
    }, async (req) => {
      const r = await takeNextTicket(deps, principalOf(req), { teamId: req.body.team_id ?? null });
      return { ticket: r.ticket ? await presentOneTicket(deps, r.ticket, principalOf(req)) : null, explanation: r.explanation, waiting: r.waiting };
    });

    app.get('/reports/escalations', {
      config: authenticated,
      schema: {
        tags: ['reports'], summary: 'Time in each level and escalation counts (managers)',
        querystring: EscalationReportQuery, response: { 200: EscalationReportJson, ...Errors },
      },
    }, async (req) => {
      const q = req.query;
      const r = await escalationReport(deps, principalOf(req), { from: q.from, to: q.to, timeZone: q.time_zone, teamId: q.team_id });
      return { from: q.from, to: q.to, time_zone: q.time_zone, ...r };
    });
  };
}
