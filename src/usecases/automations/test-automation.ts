import { AUTOMATION_EVENTS, evaluate, type AutomationEvent } from '../../domain/automation/conditions.js';
import { describeDuration, describeTimeRule, usualDayHours } from '../../domain/automation/timing.js';
import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { automationRunExists, findAutomation, findLatestEntryOfKind, findTicketWithFacts } from '../../store/automations.js';
import { findTicket } from '../../store/tickets.js';
import type { Deps } from '../deps.js';
import { parseTicketRef } from '../ticket-access.js';
import { explanationNames, ruleContext } from './rule-context.js';
import { timeRuleStanding } from './run-time-automations.js';

export interface AutomationTestResult {
  ticketId: string;
  ticketNumber: number;
  /** The rule would apply to the ticket now (an event rule: if the event happened now). */
  matched: boolean;
  explanation: string;
  /** Event rules: the event assumed. */
  event: AutomationEvent | null;
  /** Time rules: where the clock stands. */
  timing: { since: Date; elapsedHours: number; requiredHours: number; calendar: string | null; alreadyRan: boolean } | null;
}

const hours = (ms: number) => Math.round((ms / 3_600_000) * 100) / 100;

/**
 * A dry run (managers and administrators): would the rule apply to this ticket now, and why. An event rule is
 * evaluated as if `event` (default: its first event) had just happened, with the text and actor of the ticket's
 * latest entry of that kind. Nothing is written.
 */
export async function testAutomation(
  deps: Deps, p: Principal, id: string, input: { ticket: string; event?: AutomationEvent | undefined },
): Promise<AutomationTestResult> {
  requireAgent(p, 'manager', 'directory:read');
  const sql = deps.db;
  const rule = await findAutomation(sql, id);
  if (!rule) throw new DomainError('AUTOMATION_NOT_FOUND', 'No such automation.');
  const ref = await findTicket(sql, parseTicketRef(input.ticket));
  const loaded = ref ? await findTicketWithFacts(sql, ref.id) : null;
  if (!loaded) throw new DomainError('TICKET_NOT_FOUND', `No ticket ${input.ticket}.`);
  const t = loaded.ticket;
  const nameOf = await explanationNames(sql, rule.conditions, t);
  const base = { ticketId: t.id, ticketNumber: t.number };

  if (rule.kind === 'event') {
    const event = input.event ?? (rule.events[0] as AutomationEvent | undefined) ?? AUTOMATION_EVENTS[0];
    const entry = await findLatestEntryOfKind(sql, t.id, event);
    const actor = entry?.actor_kind ?? (event === 'ticket.created' ? 'requester' : 'agent');
    const evaluation = evaluate(rule.conditions, ruleContext(loaded, { kind: event, body: entry?.body ?? null, actor }), { nameOf });
    const listens = rule.events.includes(event);
    return {
      ...base,
      matched: evaluation.matched && listens,
      explanation: listens ? evaluation.explanation : `the rule does not run on ${event}; ${evaluation.explanation}`,
      event,
      timing: null,
    };
  }

  const timing = rule.timing!;
  const now = deps.clock.now();
  const standing = await timeRuleStanding(sql, rule, loaded, now);
  const alreadyRan = await automationRunExists(sql, { automationId: rule.id, ticketId: t.id, since: standing.since });
  const dayHours = standing.calendar ? usualDayHours(standing.calendar.calendar) : null;
  const conditions = evaluate(rule.conditions, ruleContext(loaded, null), { nameOf }).explanation;
  const closed = t.status === 'closed' || t.mergedIntoId !== null;
  let explanation: string;
  if (closed) explanation = `the ticket is ${t.mergedIntoId ? 'merged' : 'closed'}: time rules leave it alone`;
  else if (!standing.conditions.matched) explanation = conditions;
  else if (!standing.due) {
    const measured = describeDuration(hours(standing.measuredMs), timing.business, null);
    explanation = `${conditions}; not due yet: ${measured} of ${describeDuration(timing.hours, timing.business, dayHours)} since ${standing.since.toISOString()}`;
  } else {
    explanation = `${describeTimeRule(timing, t.status, standing.since, dayHours)}; ${conditions}`;
    if (alreadyRan) explanation += '; already applied for this episode, it will not run again until the state changes';
  }
  return {
    ...base,
    matched: !closed && standing.due && !alreadyRan,
    explanation,
    event: null,
    timing: {
      since: standing.since, elapsedHours: hours(standing.measuredMs), requiredHours: timing.hours,
      calendar: standing.calendar?.name ?? null, alreadyRan,
    },
  };
}
