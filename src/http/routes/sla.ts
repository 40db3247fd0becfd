import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SlaEscalation } from '../../domain/sla/policy.js';
import type { TicketAction } from '../../domain/automation/actions.js';
import type { Deps } from '../../usecases/deps.js';
import { getTicketSla } from '../../usecases/sla/get-ticket-sla.js';
import {
  createPolicy, deletePolicy, getPolicy, listPolicies, reorderPolicies, updatePolicy,
} from '../../usecases/sla/manage-sla-policies.js';
import { slaComplianceReport } from '../../usecases/sla/sla-compliance.js';
import type { SlaPolicyInput } from '../../usecases/sla/sla-policy-input.js';
import { principalOf } from '../auth.js';
import { presentSlaPolicy, presentSlaState } from '../presenters/sla.js';
import { ErrorResponse } from '../schemas/common.js';
import { IdParams } from '../schemas/directory.js';
import {
  ComplianceJson, ComplianceQuery, CreateSlaPolicyBody, SlaHistoryJson, SlaPolicyJson, SlaPolicyList, SlaPolicyOrderBody,
  UpdateSlaPolicyBody,
} from '../schemas/sla.js';
import { TicketParams } from './tickets.js';

const Errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const authenticated = { auth: 'authenticated' } as const;

type Body = z.infer<typeof UpdateSlaPolicyBody>;

/** API names to the use case's; escalation actions are checked by the use case (domain validation). */
function policyInput(b: Body): Partial<SlaPolicyInput> {
  return {
    name: b.name, description: b.description, active: b.active, conditions: b.conditions, calendarId: b.calendar_id,
    targets: b.targets, pauseStatuses: b.pause_statuses,
    escalations: b.escalations?.map((e): SlaEscalation => ({ metric: e.metric, percent: e.percent, actions: e.actions as TicketAction[] })),
  };
}

/** SLA policies, each ticket's SLA clock and history, and the compliance report. */
export function slaRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/sla-policies', {
      config: authenticated,
      schema: { tags: ['sla'], summary: 'List SLA policies in rule order (managers)', response: { 200: SlaPolicyList, ...Errors } },
    }, async (req) => ({ data: (await listPolicies(deps, principalOf(req))).map(presentSlaPolicy) }));

    app.post('/sla-policies', {
      config: authenticated,
      schema: {
        tags: ['sla'], summary: 'Create an SLA policy (admins)',
        description: 'Targets are business minutes per priority. Invalid targets, escalations or references answer 400 INVALID_SLA_POLICY with a path per problem.',
        body: CreateSlaPolicyBody, response: { 201: SlaPolicyJson, ...Errors },
      },
    }, async (req, reply) => {
      const b = req.body;
      const input = policyInput(b);
      const policy = await createPolicy(deps, principalOf(req), {
        name: b.name, description: input.description ?? '', active: input.active ?? true, conditions: input.conditions ?? {},
        calendarId: input.calendarId ?? null, targets: b.targets, pauseStatuses: input.pauseStatuses ?? ['pending', 'on_hold'],
        escalations: input.escalations ?? [], position: b.position,
      });
      return reply.status(201).send(presentSlaPolicy(policy));
    });

    app.put('/sla-policies/order', {
      config: authenticated,
      schema: { tags: ['sla'], summary: 'Set the order in which policies are tried (admins)', body: SlaPolicyOrderBody, response: { 200: SlaPolicyList, ...Errors } },
    }, async (req) => ({ data: (await reorderPolicies(deps, principalOf(req), req.body.ids)).map(presentSlaPolicy) }));

    app.get('/sla-policies/:id', {
      config: authenticated,
      schema: { tags: ['sla'], summary: 'Get an SLA policy (managers)', params: IdParams, response: { 200: SlaPolicyJson, ...Errors } },
    }, async (req) => presentSlaPolicy(await getPolicy(deps, principalOf(req), req.params.id)));

    app.patch('/sla-policies/:id', {
      config: authenticated,
      schema: {
        tags: ['sla'], summary: 'Change an SLA policy (admins)',
        description: 'Tickets keep the targets they were given; new targets apply to tickets the policy is applied to from now on, and when a ticket’s priority or routing changes.',
        params: IdParams, body: UpdateSlaPolicyBody, response: { 200: SlaPolicyJson, ...Errors },
      },
    }, async (req) => presentSlaPolicy(await updatePolicy(deps, principalOf(req), req.params.id, policyInput(req.body))));

    app.delete('/sla-policies/:id', {
      config: authenticated,
      schema: { tags: ['sla'], summary: 'Delete an SLA policy (admins)', params: IdParams, response: { 204: z.null(), ...Errors } },
    }, async (req, reply) => {
      await deletePolicy(deps, principalOf(req), req.params.id);
      return reply.status(204).send(null);
    });

    app.get('/tickets/:id/sla', {
      config: authenticated,
      schema: {
        tags: ['sla'], summary: 'A ticket’s SLA clock and its history (agents)',
        description: 'The state, the business time used and left now, and every step: applied, started, paused, resumed, met, threshold, breached, retargeted, stopped, reopened — each with its reason.',
        params: TicketParams, response: { 200: SlaHistoryJson, ...Errors },
      },
    }, async (req) => {
      const view = await getTicketSla(deps, principalOf(req), req.params.id);
      return {
        state: presentSlaState(view.ticket.sla, deps.clock.now()),
        now: view.now,
        history: view.history.map((e) => ({ at: e.at.toISOString(), kind: e.kind, metric: e.metric, reason: e.reason, data: e.data })),
      };
    });

    app.get('/reports/sla-compliance', {
      config: authenticated,
      schema: {
        tags: ['reports'], summary: 'SLA compliance per month, team, priority and target (managers)',
        querystring: ComplianceQuery, response: { 200: ComplianceJson, ...Errors },
      },
    }, async (req) => {
      const q = req.query;
      const report = await slaComplianceReport(deps, principalOf(req), { from: q.from, to: q.to, timeZone: q.time_zone, teamId: q.team_id });
      const ratio = (met: number, total: number) => (total ? Math.round((met / total) * 1000) / 1000 : 0);
      return {
        from: q.from, to: q.to, time_zone: q.time_zone,
        rows: report.rows.map((r) => ({
          month: r.month, team: r.team_id ? { id: r.team_id, name: r.team_name ?? '' } : null, priority: r.priority as 'P1',
          metric: r.metric, total: r.total, met: r.met, breached: r.breached, compliance: ratio(r.met, r.total),
          median_business_minutes: r.median_business_minutes,
        })),
        totals: { ...report.totals, compliance: report.totals.total ? ratio(report.totals.met, report.totals.total) : null },
      };
    });
  };
}
