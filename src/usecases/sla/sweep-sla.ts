import { sweep, retarget, type ClockStep, type SlaState } from '../../domain/sla/clock.js';
import type { SlaMetric } from '../../domain/sla/policy.js';
import type { Sql } from '../../store/db.js';
import { listSlaPolicies, type StoredSlaPolicy } from '../../store/sla-policies.js';
import { claimDueSlaTickets, lockDueSlaTicket, postponeSlaCheck } from '../../store/ticket-sla.js';
import { appendTimeline, findTicket } from '../../store/tickets.js';
import { runTicketActions } from '../automation/run-actions.js';
import { resolveCalendar, type ResolvedCalendar } from '../calendars/resolve-calendar.js';
import type { Deps } from '../deps.js';
import { persist, snapshotOf } from './track-sla.js';
import { formatMinutes } from './sla-text.js';

export interface SweepReport {
  /** Tickets looked at. */
  checked: number;
  /** Thresholds announced (warnings and breaches). */
  fired: number;
  /** Tickets that failed and were postponed. */
  failed: number;
}

const LABEL: Record<SlaMetric, { en: string; fr: string }> = {
  first_response: { en: 'first response', fr: 'première réponse' },
  next_response: { en: 'next response', fr: 'réponse suivante' },
  resolution: { en: 'resolution', fr: 'résolution' },
};
const RETRY_MS = 5 * 60_000;

/**
 * One pass of the SLA sweep: takes due tickets in batches (FOR UPDATE SKIP LOCKED, so several processes share
 * the work and each threshold is announced by exactly one of them), announces what each ticket's clock crossed,
 * runs the escalation actions of the policy, and moves the ticket's next check on, all in one transaction per
 * batch. A batch that fails is retried ticket by ticket, and a ticket that fails alone is postponed and logged,
 * so one bad ticket never blocks the others.
 */
export async function sweepSla(deps: Deps, opts: { batch?: number; maxBatches?: number; onError?: (ticketId: string, err: unknown) => void } = {}): Promise<SweepReport> {
  const batch = opts.batch ?? 100;
  const report: SweepReport = { checked: 0, fired: 0, failed: 0 };
  const touched: string[] = [];
  for (let n = 0; n < (opts.maxBatches ?? Number.MAX_SAFE_INTEGER); n++) {
    const now = deps.clock.now();
    let ids: string[] = [];
    try {
      await deps.db.tx(async (sql) => {
        ids = await claimDueSlaTickets(sql, now, batch);
        let fired = 0;
        const cache = new PassCache(sql, now);
        for (const id of ids) fired += await checkTicket(sql, deps, id, cache);
        report.fired += fired;
      });
      report.checked += ids.length;
      touched.push(...ids);
    } catch {
      // One of them fails: do them one by one, each in its own transaction.
      for (const id of ids) {
        try {
          report.fired += await deps.db.tx(async (sql) => {
            const claimed = await lockDueSlaTicket(sql, id, now);
            return claimed ? checkTicket(sql, deps, id, new PassCache(sql, now)) : 0;
          });
          report.checked++;
          touched.push(id);
        } catch (err) {
          report.failed++;
          opts.onError?.(id, err);
          await deps.db.tx((sql) => postponeSlaCheck(sql, id, new Date(now.getTime() + RETRY_MS)));
        }
      }
    }
    if (ids.length < batch) break;
  }
  if (touched.length) {
    deps.onCommitted?.(touched);
    deps.mail?.wakeOutbound();
  }
  return report;
}

/**
 * What every ticket of one pass shares, read once per pass instead of once per ticket: the policies and the
 * calendars (by policy calendar and team). A pass is one transaction, so they cannot change under it.
 */
class PassCache {
  private policies: Promise<Map<string, StoredSlaPolicy>> | null = null;
  private calendars = new Map<string, Promise<ResolvedCalendar>>();
  constructor(private sql: Sql, private now: Date) {}
  async policy(id: string): Promise<StoredSlaPolicy | undefined> {
    this.policies ??= listSlaPolicies(this.sql).then((all) => new Map(all.map((p) => [p.id, p])));
    return (await this.policies).get(id);
  }
  async calendar(state: SlaState, teamId: string | null): Promise<ResolvedCalendar> {
    const calendarId = (await this.policy(state.policy.id))?.calendarId ?? null;
    const key = `${calendarId}/${teamId}`;
    let cal = this.calendars.get(key);
    if (!cal) this.calendars.set(key, (cal = resolveCalendar(this.sql, { calendarId, teamId, at: this.now })));
    return cal;
  }
}

/** Announces a locked ticket's crossed thresholds and runs their actions; returns how many it announced. */
async function checkTicket(sql: Sql, deps: Deps, ticketId: string, cache: PassCache): Promise<number> {
  const ticket = await findTicket(sql, { id: ticketId });
  const state = ticket?.sla;
  if (!ticket || !state) return 0;
  const now = deps.clock.now();
  const cal = await cache.calendar(state, ticket.teamId);
  const ctx = { calendar: cal.calendar, now };
  const steps: ClockStep[] = [];
  let current: SlaState = state;
  // The calendar changed since the deadlines were computed (holidays added, hours edited): recompute first.
  if (cal.id !== state.calendar.id || cal.version !== state.calendar.version) {
    const policy = await cache.policy(state.policy.id);
    const next = policy ? snapshotOf(policy, ticket, cal) : { ...state, calendar: { id: cal.id, name: cal.name, version: cal.version } };
    // Keep the snapshot's targets: only the calendar moved.
    steps.push(retarget(current, { ...next, targets: state.targets, thresholds: state.thresholds, pause_statuses: state.pause_statuses }, ctx,
      `calendar ${cal.name} changed (version ${cal.version})`));
    current = steps.at(-1)!.state;
  }
  const recorded = (current.pending ?? []).map((c) => ({ ...c, at: new Date(c.at) }));
  const swept = sweep({ ...current, pending: [] }, ctx);
  swept.crossed.unshift(...recorded);
  steps.push(swept);
  // Saved before any action runs: an action that changes the priority re-targets from this state.
  await persist(sql, deps, ticket, swept.state, steps, ctx, steps.length > 1 ? 'retargeted' : null);
  if (swept.crossed.length === 0) return 0;

  const policy = await cache.policy(state.policy.id);
  const announced = swept.crossed.map((c) => {
    const m = swept.state.metrics[c.metric]!;
    const breach = c.percent >= 100;
    const what = breach
      ? `${LABEL[c.metric].en} target of ${formatMinutes(m.target_minutes)} business time breached`
      : `${c.percent} % of the ${formatMinutes(m.target_minutes)} ${LABEL[c.metric].en} target used`;
    const reason = `SLA «${state.policy.name}»: ${what} (due ${m.due_at}).`;
    const actions = policy?.escalations.find((e) => e.metric === c.metric && e.percent === c.percent)?.actions ?? [];
    return { c, m, breach, reason, actions };
  });
  await appendTimeline(sql, ticketId, announced.map(({ c, m, breach, reason, actions }) => ({
    id: deps.newId(), createdAt: now, kind: 'ticket.sla_escalated' as const, actor: { kind: 'system' as const, id: null }, visibility: 'internal' as const,
    body: null, reason,
    data: { policy: state.policy, metric: c.metric, percent: c.percent, breached: breach, due_at: m.due_at, crossed_at: c.at.toISOString(),
      actions: actions.map((a) => a.type) },
  })));
  // The entries reach realtime and automations through the timeline; the ticket row changes only if an action
  // changes it (one write less per ticket in a catch-up, where thousands of tickets are due at once).
  let live = ticket;
  for (const { c, breach, reason, actions } of announced) {
    if (actions.length === 0) continue;
    const notice = breach
      ? { fr: `SLA dépassé : ${LABEL[c.metric].fr}`, en: `SLA breached: ${LABEL[c.metric].en}` }
      : { fr: `SLA à ${c.percent} % : ${LABEL[c.metric].fr}`, en: `SLA at ${c.percent} %: ${LABEL[c.metric].en}` };
    live = (await runTicketActions(sql, deps, live, actions, { source: { kind: 'sla', id: state.policy.id, name: state.policy.name }, reason, notice })).ticket;
  }
  return swept.crossed.length;
}
