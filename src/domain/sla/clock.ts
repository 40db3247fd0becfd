/**
 * The SLA clock of one ticket: pure functions from (state, event, calendar, now) to the next state, the history
 * to record and the outcomes to report. Nothing here reads the time or the database.
 *
 * Each metric (first response, next response, resolution) measures business time:
 * - it runs while the ticket is in a counting status, pauses in the policy's pause statuses (pending, on_hold by
 *   default) and resumes when the ticket leaves them;
 * - first response is met only by an agent's public reply; next response starts when the requester writes
 *   after that and is met by the next agent reply; resolution is met when the ticket is resolved, and a reopen
 *   resumes it with the time already used (the time spent resolved never counts);
 * - a changed priority, policy or calendar re-targets the running metrics: the business time already used is
 *   kept and the deadline is recomputed from it.
 * A running metric's `due_at` is the instant its used time reaches the target (`addBusinessTime` semantics: a
 * metric is breached at `t` exactly when `t >= due_at`). A paused metric has no deadline: it cannot be breached
 * while nothing counts, but one already breached stays so.
 */
import { addBusinessTime, businessTimeBetween, type BusinessCalendar } from './calendar.js';
import type { Priority } from '../priority.js';
import type { TicketStatus } from '../ticket.js';
import { SLA_METRICS, type SlaMetric, type SlaTargets } from './policy.js';

export type MetricStatus = 'running' | 'paused' | 'met' | 'stopped';

export interface MetricClock {
  target_minutes: number;
  status: MetricStatus;
  started_at: string;
  /** Business time used before `since` (the whole used time when not running). */
  used_ms: number;
  /** Start of the current running segment; null unless running. */
  since: string | null;
  /** When the used time reaches the target; null while paused. */
  due_at: string | null;
  breached_at: string | null;
  met_at: string | null;
  /** Percentages to announce, ascending, ending with 100; and those already announced in this cycle. */
  thresholds: number[];
  fired: number[];
  /** Next response: how many times it started on this ticket. */
  cycle: number;
}

/** What a ticket's SLA was computed with: the policy snapshot (targets for its priority) and the calendar. */
export interface SlaSnapshot {
  policy: { id: string; name: string };
  calendar: { id: string | null; name: string; version: number };
  priority: Priority;
  targets: SlaTargets;
  thresholds: Record<SlaMetric, number[]>;
  pause_statuses: TicketStatus[];
}

export interface SlaState extends SlaSnapshot {
  metrics: Partial<Record<SlaMetric, MetricClock>>;
  /**
   * Thresholds crossed and recorded while a change was being made (a deadline that passed just before an agent
   * set the ticket pending, say): their escalation actions wait for the sweep, which runs them at once.
   */
  pending?: Array<{ metric: SlaMetric; percent: number; at: string }>;
}

export type SlaEventKind =
  | 'applied' | 'started' | 'paused' | 'resumed' | 'met' | 'threshold' | 'breached' | 'retargeted' | 'stopped' | 'reopened';

export interface SlaEvent {
  kind: SlaEventKind;
  metric: SlaMetric | null;
  at: Date;
  reason: string;
  data: Record<string, unknown>;
}

/** A finished measurement, for compliance reports. */
export interface SlaOutcome {
  metric: SlaMetric;
  target_minutes: number;
  business_ms: number;
  due_at: Date;
  completed_at: Date;
  breached: boolean;
}

export interface ClockStep {
  state: SlaState;
  events: SlaEvent[];
  outcomes: SlaOutcome[];
  /** Outcomes to withdraw (a reopened ticket's resolution is measured again). */
  retract: SlaMetric[];
  /** Thresholds crossed by a sweep, in order. */
  crossed: Array<{ metric: SlaMetric; percent: number; at: Date }>;
}

export interface ClockContext {
  calendar: BusinessCalendar;
  now: Date;
}

const MIN = 60_000;
const iso = (d: Date) => d.toISOString();
const minutes = (ms: number) => Math.round(ms / MIN);

/** Business time used by a metric at `now`. */
export function usedAt(m: MetricClock, ctx: ClockContext): number {
  if (m.status !== 'running' || !m.since) return m.used_ms;
  const since = new Date(m.since);
  return m.used_ms + (ctx.now > since ? businessTimeBetween(ctx.calendar, since, ctx.now) : 0);
}

/** The instant a running metric reaches `percent` of its target (now or earlier when already past). */
function instantOf(m: MetricClock, percent: number, ctx: ClockContext): Date {
  const goal = (m.target_minutes * MIN * percent) / 100;
  const since = new Date(m.since!);
  // Crossed before the running segment: a running metric's due_at is when it reached 100 % (see rebase).
  if (goal <= m.used_ms) return percent >= 100 && m.due_at ? new Date(m.due_at) : since;
  return addBusinessTime(ctx.calendar, since, goal - m.used_ms);
}

function withDue(m: MetricClock, ctx: ClockContext): MetricClock {
  if (m.status !== 'running') return { ...m, due_at: null };
  // Already past the target when (re)started: the deadline stays where it was crossed.
  if (m.used_ms >= m.target_minutes * MIN) return { ...m, due_at: m.breached_at ?? m.due_at ?? m.since };
  return { ...m, due_at: iso(instantOf(m, 100, ctx)) };
}

function describe(m: MetricClock, ctx: ClockContext): Record<string, unknown> {
  const used = usedAt(m, ctx);
  return {
    target_minutes: m.target_minutes,
    used_minutes: minutes(used),
    remaining_minutes: Math.max(0, m.target_minutes - minutes(used)),
    due_at: m.due_at,
    cycle: m.cycle,
  };
}

const LABEL: Record<SlaMetric, string> = { first_response: 'first response', next_response: 'next response', resolution: 'resolution' };

function newMetric(target: number, thresholds: number[], running: boolean, ctx: ClockContext, cycle = 1): MetricClock {
  return withDue(
    {
      target_minutes: target, status: running ? 'running' : 'paused', started_at: iso(ctx.now), used_ms: 0,
      since: running ? iso(ctx.now) : null, due_at: null, breached_at: null, met_at: null, thresholds, fired: [], cycle,
    },
    ctx,
  );
}

function step(state: SlaState): ClockStep {
  return { state, events: [], outcomes: [], retract: [], crossed: [] };
}

const isPausedStatus = (s: SlaSnapshot, status: TicketStatus) => s.pause_statuses.includes(status);

/**
 * Applies a policy to a ticket that had none: starts first response (unless the ticket already had one) and
 * resolution, running or paused according to the status.
 */
export function startClock(
  snapshot: SlaSnapshot,
  t: { status: TicketStatus; hasFirstResponse: boolean },
  ctx: ClockContext,
  reason: string,
): ClockStep {
  const s = step({ ...snapshot, metrics: {} });
  const running = !isPausedStatus(snapshot, t.status);
  s.events.push({ kind: 'applied', metric: null, at: ctx.now, reason, data: { priority: snapshot.priority, targets: snapshot.targets } });
  const open = t.status !== 'resolved' && t.status !== 'closed';
  for (const metric of ['first_response', 'resolution'] as const) {
    const target = snapshot.targets[metric];
    if (!target || !open || (metric === 'first_response' && t.hasFirstResponse)) continue;
    const m = newMetric(target, snapshot.thresholds[metric], running, ctx);
    s.state.metrics[metric] = m;
    s.events.push({
      kind: 'started', metric, at: ctx.now,
      reason: running ? `${LABEL[metric]} clock started` : `${LABEL[metric]} clock started paused (ticket is ${t.status})`,
      data: describe(m, ctx),
    });
  }
  return s;
}

function finish(s: ClockStep, metric: SlaMetric, ctx: ClockContext, kind: 'met' | 'stopped', reason: string): void {
  const m = s.state.metrics[metric];
  if (!m || (m.status !== 'running' && m.status !== 'paused')) return;
  const used = usedAt(m, ctx);
  const breached = used >= m.target_minutes * MIN || m.breached_at !== null;
  const done: MetricClock = { ...m, status: kind, used_ms: used, since: null, met_at: kind === 'met' ? iso(ctx.now) : null };
  s.state.metrics[metric] = done;
  s.events.push({ kind, metric, at: ctx.now, reason, data: { ...describe(done, ctx), breached } });
  // A measurement that stopped without being met is reported only when it had already failed.
  if (kind === 'met' || breached) {
    s.outcomes.push({
      metric, target_minutes: m.target_minutes, business_ms: used,
      due_at: new Date(m.due_at ?? m.breached_at ?? ctx.now), completed_at: ctx.now, breached,
    });
  }
}

function pauseOrResume(s: ClockStep, pause: boolean, ctx: ClockContext, reason: string): void {
  for (const metric of SLA_METRICS) {
    const m = s.state.metrics[metric];
    if (!m) continue;
    if (pause && m.status === 'running') {
      const paused: MetricClock = { ...m, status: 'paused', used_ms: usedAt(m, ctx), since: null, due_at: null };
      s.state.metrics[metric] = paused;
      s.events.push({ kind: 'paused', metric, at: ctx.now, reason, data: describe(paused, ctx) });
    } else if (!pause && m.status === 'paused') {
      const resumed = withDue({ ...m, status: 'running', since: iso(ctx.now) }, ctx);
      s.state.metrics[metric] = resumed;
      s.events.push({ kind: 'resumed', metric, at: ctx.now, reason, data: describe(resumed, ctx) });
    }
  }
}

/** A status change: pauses, resumes, meets resolution, stops everything on close, resumes resolution on reopen. */
export function onStatusChange(state: SlaState, from: TicketStatus, to: TicketStatus, ctx: ClockContext, why: string): ClockStep {
  const s = step(structuredClone(state));
  if (to === 'resolved' || to === 'closed') {
    finish(s, 'resolution', ctx, to === 'resolved' ? 'met' : 'stopped', `ticket ${to}${why ? ` (${why})` : ''}`);
    for (const m of ['first_response', 'next_response'] as const) {
      finish(s, m, ctx, 'stopped', `ticket ${to} without a reply to measure`);
    }
    return s;
  }
  if (from === 'resolved') {
    const r = s.state.metrics.resolution;
    const target = state.targets.resolution;
    if (r && r.status === 'met' && target) {
      // Measured with the ticket's current targets: the priority may have changed while it was resolved.
      const resumed = rebase({ ...r, status: isPausedStatus(state, to) ? 'paused' : 'running', since: iso(ctx.now), met_at: null },
        target, state.thresholds.resolution, ctx);
      s.state.metrics.resolution = resumed;
      s.retract.push('resolution');
      s.events.push({ kind: 'reopened', metric: 'resolution', at: ctx.now, reason: `ticket reopened${why ? ` (${why})` : ''}: resolution measured again with the time already used`, data: describe(resumed, ctx) });
    }
    return s;
  }
  const wasPaused = isPausedStatus(state, from);
  const nowPaused = isPausedStatus(state, to);
  if (wasPaused !== nowPaused) pauseOrResume(s, nowPaused, ctx, `ticket ${to}${why ? ` (${why})` : ''}`);
  return s;
}

/**
 * A public reply. An agent's meets first response and next response; a requester's starts next response once
 * the first response was given (and none is already waiting).
 */
export function onReply(state: SlaState, by: 'agent' | 'requester', status: TicketStatus, ctx: ClockContext): ClockStep {
  const s = step(structuredClone(state));
  if (by === 'agent') {
    finish(s, 'first_response', ctx, 'met', 'an agent replied publicly');
    finish(s, 'next_response', ctx, 'met', 'an agent replied publicly');
    return s;
  }
  const first = s.state.metrics.first_response;
  const waiting = first && (first.status === 'running' || first.status === 'paused');
  const next = s.state.metrics.next_response;
  const target = state.targets.next_response;
  // Nothing is measured on a resolved or closed ticket: a reply that reopens it must reach onStatusChange first.
  const done = status === 'resolved' || status === 'closed';
  if (!target || done || waiting || (next && (next.status === 'running' || next.status === 'paused'))) return s;
  const m = newMetric(target, state.thresholds.next_response, !isPausedStatus(state, status), ctx, (next?.cycle ?? 0) + 1);
  s.state.metrics.next_response = m;
  s.events.push({ kind: 'started', metric: 'next_response', at: ctx.now, reason: 'the requester replied', data: describe(m, ctx) });
  return s;
}

/**
 * A running or paused metric re-based at `now` on a (possibly new) target: the used time is kept, so the deadline
 * is computed in the (possibly new) calendar; thresholds already passed under the new target stay announced.
 */
function rebase(m: MetricClock, target: number, thresholds: number[], ctx: ClockContext): MetricClock {
  const used = usedAt(m, ctx);
  const goal = target * MIN;
  // Already past a changed target: due when the used time reached it (the old deadline may lie ahead); exact
  // when that happened in the running segment, else the segment's start is the latest instant we know.
  const reached = used < goal || target === m.target_minutes ? m.due_at
    : m.status === 'running' && m.used_ms < goal ? iso(addBusinessTime(ctx.calendar, new Date(m.since!), goal - m.used_ms))
    : m.since;
  return withDue({
    ...m, target_minutes: target, used_ms: used, since: m.status === 'running' ? iso(ctx.now) : null, due_at: reached,
    thresholds, fired: m.fired.filter((p) => used >= (goal * p) / 100), breached_at: used >= goal ? m.breached_at : null,
  }, ctx);
}

/**
 * New targets (priority, policy or calendar changed). Running and paused metrics keep the business time they
 * used and get the new target; a metric the new snapshot does not measure stops. Thresholds already passed
 * under the new target stay announced; the others will be announced by the sweep.
 */
export function retarget(
  state: SlaState, next: SlaSnapshot, ctx: ClockContext, reason: string,
  ticket?: { status: TicketStatus; hasFirstResponse: boolean },
): ClockStep {
  const s = step({ ...structuredClone(state), ...next, metrics: structuredClone(state.metrics) });
  for (const metric of SLA_METRICS) {
    const m = s.state.metrics[metric];
    if (!m || (m.status !== 'running' && m.status !== 'paused')) continue;
    const target = next.targets[metric];
    if (!target) {
      finish(s, metric, ctx, 'stopped', `${reason}: no ${LABEL[metric]} target any more`);
      continue;
    }
    const updated = rebase(m, target, next.thresholds[metric], ctx);
    s.state.metrics[metric] = updated;
    s.events.push({ kind: 'retargeted', metric, at: ctx.now, reason, data: { ...describe(updated, ctx), previous_target_minutes: m.target_minutes } });
  }
  if (ticket && ticket.status !== 'resolved' && ticket.status !== 'closed') {
    // The new snapshot may pause in other statuses, and may measure what the old one did not.
    pauseOrResume(s, isPausedStatus(next, ticket.status), ctx, `${reason}; ticket is ${ticket.status}`);
    const running = !isPausedStatus(next, ticket.status);
    for (const metric of ['first_response', 'resolution'] as const) {
      const target = next.targets[metric];
      if (!target || s.state.metrics[metric] || (metric === 'first_response' && ticket.hasFirstResponse)) continue;
      const m = newMetric(target, next.thresholds[metric], running, ctx);
      s.state.metrics[metric] = m;
      s.events.push({ kind: 'started', metric, at: ctx.now, reason: `${reason}: ${LABEL[metric]} is now measured`, data: describe(m, ctx) });
    }
  }
  return s;
}

/**
 * Announces thresholds reached by `now` (each once per cycle, oldest first); at 100 % the metric is breached.
 * The caller runs the escalation actions of each crossed threshold.
 */
export function sweep(state: SlaState, ctx: ClockContext): ClockStep {
  const s = step(structuredClone(state));
  for (const metric of SLA_METRICS) {
    const m = s.state.metrics[metric];
    if (!m || m.status !== 'running') continue;
    for (const percent of m.thresholds) {
      if (m.fired.includes(percent)) continue;
      const at = instantOf(m, percent, ctx);
      if (at > ctx.now) break;
      m.fired = [...m.fired, percent];
      s.crossed.push({ metric, percent, at });
      if (percent >= 100) {
        m.breached_at ??= iso(at);
        s.events.push({ kind: 'breached', metric, at, reason: `${LABEL[metric]} target of ${m.target_minutes} business minutes reached`, data: describe(m, ctx) });
      } else {
        s.events.push({ kind: 'threshold', metric, at, reason: `${percent} % of the ${LABEL[metric]} target used`, data: { ...describe(m, ctx), percent } });
      }
    }
  }
  return s;
}

/** The next instant a sweep has something to announce, or null when no metric runs. */
export function nextCheckAt(state: SlaState, ctx: ClockContext): Date | null {
  // Escalations recorded during a change run at the next sweep.
  if (state.pending?.length) return ctx.now;
  let next: Date | null = null;
  for (const metric of SLA_METRICS) {
    const m = state.metrics[metric];
    if (!m || m.status !== 'running') continue;
    const percent = m.thresholds.find((p) => !m.fired.includes(p));
    if (percent === undefined) continue;
    const at = instantOf(m, percent, ctx);
    if (!next || at < next) next = at;
  }
  return next;
}

/** The earliest deadline among running metrics (queues sort by it). */
export function earliestDue(state: SlaState): Date | null {
  let due: Date | null = null;
  for (const metric of SLA_METRICS) {
    const m = state.metrics[metric];
    if (m?.status === 'running' && m.due_at && (!due || new Date(m.due_at) < due)) due = new Date(m.due_at);
  }
  return due;
}

/** Whether a metric is breached at `now`: it crossed its target, or it runs past its deadline. */
export function isBreached(m: MetricClock, now: Date): boolean {
  if (m.breached_at) return true;
  if (m.status === 'running' && m.due_at) return now >= new Date(m.due_at);
  return m.used_ms >= m.target_minutes * MIN;
}
