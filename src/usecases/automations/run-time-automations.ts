import { evaluate, prefilterOf } from '../../domain/automation/conditions.js';
import { describeTimeRule, isDue, sinceInstant, usualDayHours } from '../../domain/automation/timing.js';
import { businessTimeBetween } from '../../domain/sla/calendar.js';
import {
  findTicketWithFacts, findTimeCandidates, insertAutomationRun, listAutomations, type AutomationRow, type TicketWithFacts,
} from '../../store/automations.js';
import type { Sql } from '../../store/db.js';
import { runTicketActions } from '../automation/run-actions.js';
import { resolveCalendar, type ResolvedCalendar } from '../calendars/resolve-calendar.js';
import type { Deps } from '../deps.js';
import { explanationNames, ruleContext } from './rule-context.js';

const PAGE = 200;
const HOUR_MS = 3_600_000;

export interface TimeRunResult {
  rules: number;
  /** Rule applications (a rule on a ticket, for one episode). */
  fired: number;
  failures: Array<{ automationId: string; ticketId: string; error: unknown }>;
}

/** Where a ticket stands for a time rule right now. */
export interface TimeRuleStanding {
  conditions: { matched: boolean; explanation: string };
  since: Date;
  /** Time counted so far (business or wall), in ms. */
  measuredMs: number;
  due: boolean;
  calendar: ResolvedCalendar | null;
}

type CalendarCache = Map<string, ResolvedCalendar>;

/** Conditions, then elapsed time (business time in the applicable calendar, or wall time) for one ticket. */
export async function timeRuleStanding(
  sql: Sql, rule: AutomationRow, t: TicketWithFacts, now: Date, calendars: CalendarCache = new Map(),
): Promise<TimeRuleStanding> {
  const timing = rule.timing!;
  const conditions = evaluate(rule.conditions, ruleContext(t, null));
  const since = sinceInstant(timing, { ...t.ticket, statusChangedAt: t.facts.statusChangedAt });
  let calendar: ResolvedCalendar | null = null;
  if (timing.business) {
    const key = timing.calendar_id ?? `team:${t.ticket.teamId ?? ''}`;
    calendar = calendars.get(key) ?? null;
    if (!calendar) {
      calendar = await resolveCalendar(sql, { calendarId: timing.calendar_id ?? null, teamId: t.ticket.teamId, at: now });
      calendars.set(key, calendar);
    }
  }
  const measuredMs = calendar ? businessTimeBetween(calendar.calendar, since, now) : Math.max(0, now.getTime() - since.getTime());
  return { conditions, since, measuredMs, due: conditions.matched && isDue(timing, measuredMs), calendar };
}

/**
 * The time sweep: every active time rule, on every ticket whose watched state (status, creation, last change)
 * has lasted long enough. The database narrows the candidates (status/priority/team conditions, the wall-clock
 * bound — business time never exceeds it — and episodes already handled); each one is then checked exactly and,
 * in its own transaction, locked (SKIP LOCKED: another process has it), checked again, and recorded in
 * automation_runs under the instant its episode began before the actions run. The unique key makes a rule fire
 * once per ticket and episode with any number of processes; a new episode (pending again) fires again.
 */
export async function runTimeAutomations(deps: Deps, now: Date = deps.clock.now()): Promise<TimeRunResult> {
  const rules = await listAutomations(deps.db, { kind: 'time', activeOnly: true });
  const result: TimeRunResult = { rules: rules.length, fired: 0, failures: [] };
  for (const rule of rules) {
    const timing = rule.timing;
    if (!timing) continue;
    const pre = prefilterOf(rule.conditions);
    const calendars: CalendarCache = new Map();
    let afterId: string | null = null;
    for (;;) {
      const page: TicketWithFacts[] = await findTimeCandidates(deps.db, {
        automationId: rule.id, since: timing.since, startedBefore: new Date(now.getTime() - timing.hours * HOUR_MS),
        statuses: pre.statuses, priorities: pre.priorities, teamIds: pre.teamIds, afterId, limit: PAGE,
      });
      for (const candidate of page) {
        try {
          if (!(await timeRuleStanding(deps.db, rule, candidate, now, calendars)).due) continue;
          if (await fireOnce(deps, rule, candidate.ticket.id, now, calendars)) {
            result.fired++;
            deps.onCommitted?.([candidate.ticket.id]);
          }
        } catch (error) {
          result.failures.push({ automationId: rule.id, ticketId: candidate.ticket.id, error });
        }
      }
      if (page.length < PAGE) break;
      afterId = page[page.length - 1]!.ticket.id;
    }
  }
  if (result.fired > 0) deps.mail?.wakeOutbound();
  return result;
}

/** Locks, re-checks and fires; false when another process holds the ticket, it changed, or the episode ran. */
async function fireOnce(deps: Deps, rule: AutomationRow, ticketId: string, now: Date, calendars: CalendarCache): Promise<boolean> {
  return deps.db.tx(async (sql) => {
    const locked = await findTicketWithFacts(sql, ticketId, 'skip');
    if (!locked || locked.ticket.status === 'closed' || locked.ticket.mergedIntoId) return false;
    const standing = await timeRuleStanding(sql, rule, locked, now, calendars);
    if (!standing.due) return false;
    if (!(await insertAutomationRun(sql, { automationId: rule.id, ticketId, since: standing.since, ranAt: now }))) return false;
    const timing = rule.timing!;
    const dayHours = standing.calendar ? usualDayHours(standing.calendar.calendar) : null;
    let reason = describeTimeRule(timing, locked.ticket.status, standing.since, dayHours);
    if (standing.calendar) reason += ` (calendar «${standing.calendar.name}»)`;
    // The status the time is measured in is already said; other conditions are worth naming.
    const others = {
      all: rule.conditions.all.filter((c) => !(timing.since === 'status_changed' && c.field === 'status')),
      any: rule.conditions.any,
    };
    if (others.all.length + others.any.length > 0) {
      const names = await explanationNames(sql, others, locked.ticket);
      reason += `; ${evaluate(others, ruleContext(locked, null), { nameOf: names }).explanation}`;
    }
    await runTicketActions(sql, deps, locked.ticket, rule.actions, {
      source: { kind: 'automation', id: rule.id, name: rule.name }, reason: `Automation «${rule.name}»: ${reason}`,
    });
    return true;
  });
}
