import {
  earliestDue, nextCheckAt, onReply, onStatusChange, retarget, startClock, sweep,
  type ClockContext, type ClockStep, type SlaSnapshot, type SlaState,
} from '../../domain/sla/clock.js';
import { selectPolicy, thresholdsOf, type PolicyChoice, type SlaPolicy } from '../../domain/sla/policy.js';
import type { Ticket } from '../../domain/ticket.js';
import type { Sql } from '../../store/db.js';
import { categoryPath, findSlaPolicy, listSlaPolicies } from '../../store/sla-policies.js';
import {
  deleteSlaOutcomes, findTicketSla, insertSlaOutcomes, saveTicketSla,
} from '../../store/ticket-sla.js';
import { appendTimeline } from '../../store/tickets.js';
import { resolveCalendar, type ResolvedCalendar } from '../calendars/resolve-calendar.js';
import type { Deps } from '../deps.js';
import { slaSummary } from './sla-text.js';

export type SlaReply = 'agent' | 'requester' | null;

/** The snapshot a policy gives a ticket of this priority, with this calendar. */
export function snapshotOf(policy: SlaPolicy, t: Pick<Ticket, 'priority'>, cal: ResolvedCalendar): SlaSnapshot {
  return {
    policy: { id: policy.id, name: policy.name },
    calendar: { id: cal.id, name: cal.name, version: cal.version },
    priority: t.priority,
    targets: { ...(policy.targets[t.priority] ?? {}) },
    thresholds: thresholdsOf(policy.escalations),
    pause_statuses: [...policy.pauseStatuses],
  };
}

async function choosePolicy(sql: Sql, t: Ticket): Promise<PolicyChoice | null> {
  return selectPolicy(await listSlaPolicies(sql), {
    type: t.type, channel: t.channel, organizationId: t.organizationId, categoryId: t.categoryId,
    categoryPath: await categoryPath(sql, t.categoryId),
  });
}

const sameSnapshot = (a: SlaSnapshot, b: SlaSnapshot) =>
  a.policy.id === b.policy.id && a.priority === b.priority && a.calendar.id === b.calendar.id &&
  a.calendar.version === b.calendar.version && JSON.stringify(a.targets) === JSON.stringify(b.targets);

/**
 * Keeps a ticket's SLA clock in step with a change, inside the transaction that made it (the caller holds the
 * ticket's lock). `before` is null for a new ticket; `reply` says who wrote a public reply in this change. The
 * instant of the change is the ticket's `updatedAt`. Applying a policy and changing targets are written on the
 * timeline with their reasons; every clock step goes to the SLA history.
 */
export async function trackSla(sql: Sql, deps: Deps, before: Ticket | null, after: Ticket, reply: SlaReply = null): Promise<void> {
  // The locked ticket the caller read carries its clock; only a hand-built object needs a read.
  const current = !before ? null : before.sla !== undefined ? before.sla : (await findTicketSla(sql, after.id))?.sla ?? null;
  const now = after.updatedAt;
  const steps: ClockStep[] = [];
  let state: SlaState | null = current;
  const ctxFor = (cal: ResolvedCalendar): ClockContext => ({ calendar: cal.calendar, now });

  if (!state) {
    if (after.mergedIntoId || after.status === 'resolved' || after.status === 'closed') return;
    const choice = await choosePolicy(sql, after);
    if (!choice) return;
    const cal = await resolveCalendar(sql, { calendarId: choice.policy.calendarId, teamId: after.teamId, at: now });
    const started = startClock(snapshotOf(choice.policy, after, cal), {
      status: after.status, hasFirstResponse: after.firstResponseAt !== null && reply !== 'agent',
    }, ctxFor(cal), `${choice.reason} Calendar: ${cal.name}.`);
    steps.push(started);
    state = started.state;
    // A ticket created with an agent's reply already in it (rare: imports) meets first response at once.
    if (reply) steps.push(onReply(state, reply, after.status, ctxFor(cal)));
    state = steps[steps.length - 1]!.state;
    await persist(sql, deps, after, state, steps, ctxFor(cal), 'applied');
    return;
  }

  // The calendar the running clock uses (its snapshot's, or what the ticket's team now says).
  let cal = await calendarOfState(sql, state, after, now);
  const ctx = ctxFor(cal);
  // Thresholds that passed since the last sweep are recorded at their own instant before this change moves the
  // clock (a pause would otherwise hide a deadline that had already passed); their actions wait for the sweep.
  const swept = sweep(state, ctx);
  if (swept.crossed.length) {
    swept.state.pending = [...(state.pending ?? []), ...swept.crossed.map((c) => ({ ...c, at: c.at.toISOString() }))];
    steps.push(swept);
    state = swept.state;
  }
  if (reply) steps.push(onReply(state, reply, after.status, ctx));
  state = steps.at(-1)?.state ?? state;
  if (before!.status !== after.status) {
    steps.push(onStatusChange(state, before!.status, after.status, ctx, ''));
    state = steps.at(-1)!.state;
  }
  const retargetWhy = whatChanged(before!, after);
  let retargeted = false;
  if (retargetWhy && after.status !== 'closed' && !after.mergedIntoId) {
    const choice = await choosePolicy(sql, after);
    if (choice) {
      cal = await resolveCalendar(sql, { calendarId: choice.policy.calendarId, teamId: after.teamId, at: now });
      const next = snapshotOf(choice.policy, after, cal);
      if (!sameSnapshot(state, next)) {
        const policyMoved = next.policy.id !== state.policy.id ? ` ${choice.reason}` : '';
        steps.push(retarget(state, next, ctxFor(cal), `${retargetWhy}.${policyMoved}`,
          { status: after.status, hasFirstResponse: after.firstResponseAt !== null }));
        state = steps.at(-1)!.state;
        retargeted = true;
      }
    }
  }
  if (steps.length === 0) return;
  await persist(sql, deps, after, state, steps, ctxFor(cal), retargeted ? 'retargeted' : null);
}

/** The calendar for a ticket's running clock: the policy's, else the team's, else the default. */
export async function calendarOfState(sql: Sql, state: SlaState, t: Pick<Ticket, 'teamId'>, at: Date): Promise<ResolvedCalendar> {
  const policy = await findSlaPolicy(sql, state.policy.id);
  return resolveCalendar(sql, { calendarId: policy?.calendarId ?? null, teamId: t.teamId, at });
}

function whatChanged(b: Ticket, a: Ticket): string | null {
  const why: string[] = [];
  if (b.priority !== a.priority) why.push(`priority ${b.priority} → ${a.priority}`);
  if (b.teamId !== a.teamId) why.push('team changed');
  if (b.type !== a.type) why.push(`type ${b.type} → ${a.type}`);
  if (b.categoryId !== a.categoryId) why.push('category changed');
  if (b.organizationId !== a.organizationId) why.push('organization changed');
  return why.length ? why.join(', ') : null;
}

/** Saves the state and its two columns, the history, the outcomes, and a timeline entry when targets changed. */
export async function persist(
  sql: Sql, deps: Deps, t: Ticket, state: SlaState, steps: readonly ClockStep[], ctx: ClockContext,
  announce: 'applied' | 'retargeted' | null,
): Promise<void> {
  const events = steps.flatMap((s) => s.events);
  await saveTicketSla(sql, t.id, state, earliestDue(state), nextCheckAt(state, ctx), events.map((e) => ({ ...e, id: deps.newId() })));
  // The caller presents this ticket object: it carries its clock as saved.
  t.sla = state;
  for (const metric of new Set(steps.flatMap((s) => s.retract))) await deleteSlaOutcomes(sql, t.id, metric);
  const outcomes = steps.flatMap((s) => s.outcomes);
  if (outcomes.length) await insertSlaOutcomes(sql, { ticketId: t.id, policyId: state.policy.id, teamId: t.teamId, priority: t.priority },
    outcomes.map((o) => ({ ...o, id: deps.newId() })));
  if (!announce) return;
  const head = events.find((e) => e.kind === announce) ?? events.find((e) => e.kind === 'retargeted');
  await appendTimeline(sql, t.id, [{
    id: deps.newId(), createdAt: ctx.now, kind: 'ticket.sla_changed', actor: { kind: 'system', id: null },
    visibility: 'internal', body: null,
    reason: `${head?.reason ?? ''} ${slaSummary(state)}`.trim(),
    data: { change: announce, policy: state.policy, calendar: state.calendar, priority: state.priority, targets: state.targets,
      due: Object.fromEntries(Object.entries(state.metrics).map(([m, c]) => [m, c?.due_at ?? null])) },
  }]);
}
