import { evaluate, type AutomationEvent } from '../../domain/automation/conditions.js';
import {
  dropEventsWithoutRules, findTicketWithFacts, inSavepoint, isRetryableDbError, listAutomations, takeAutomationEvents,
  type AutomationEventRow, type AutomationRow,
} from '../../store/automations.js';
import type { Sql } from '../../store/db.js';
import { findTimelineEntry } from '../../store/tickets.js';
import { runTicketActions } from '../automation/run-actions.js';
import type { Deps } from '../deps.js';
import { explanationNames, ruleContext } from './rule-context.js';

export interface EventRunFailure {
  seq: number;
  ticketId: string;
  error: unknown;
}

export interface EventRunResult {
  /** Events taken from the queue (handled or failed), or dropped because no event rule is active. */
  events: number;
  /** Rules applied. */
  fired: number;
  /** Events whose rules failed: their changes were undone, the event is not retried (it would fail again). A
   *  deadlock instead rolls the whole batch back, to be taken again. */
  failures: EventRunFailure[];
  /** A full batch was taken: there may be more waiting. */
  more: boolean;
}

/**
 * Handles up to `limit` queued ticket events: each active event rule listening to the event's kind is evaluated,
 * in position order, against the ticket locked FOR UPDATE, and a matching rule's actions run in the same
 * transaction (a later rule sees what an earlier one changed). The batch is removed from the queue in that
 * transaction, so each event is handled once however many processes run this. Entries written by automations
 * are never queued (see the 0004 migration): rules do not trigger each other.
 */
export async function runEventAutomations(deps: Deps, limit = 50): Promise<EventRunResult> {
  const changed = new Set<string>();
  const result = await deps.db.tx(async (sql): Promise<EventRunResult> => {
    const dropped = await dropEventsWithoutRules(sql);
    if (dropped > 0) return { events: dropped, fired: 0, failures: [], more: false };
    const events = await takeAutomationEvents(sql, limit);
    if (events.length === 0) return { events: 0, fired: 0, failures: [], more: false };
    const rules = await listAutomations(sql, { kind: 'event', activeOnly: true });
    let fired = 0;
    const failures: EventRunFailure[] = [];
    for (const event of events) {
      // One event's failure must not block the queue, nor undo what the other events of the batch did.
      const outcome = await inSavepoint(sql, () => handleEvent(sql, deps, rules, event));
      // A deadlock is nobody's fault: the whole batch goes back to the queue and is taken again.
      if (!outcome.ok && isRetryableDbError(outcome.error)) throw outcome.error;
      if (!outcome.ok) failures.push({ seq: event.seq, ticketId: event.ticket_id, error: outcome.error });
      else if (outcome.value > 0) {
        fired += outcome.value;
        changed.add(event.ticket_id);
      }
    }
    return { events: events.length, fired, failures, more: events.length === limit };
  });
  if (changed.size > 0) {
    deps.onCommitted?.([...changed]);
    deps.mail?.wakeOutbound();
  }
  return result;
}

async function handleEvent(sql: Sql, deps: Deps, rules: readonly AutomationRow[], event: AutomationEventRow): Promise<number> {
  const listening = rules.filter((r) => r.events.includes(event.kind));
  if (listening.length === 0) return 0;
  const loaded = await findTicketWithFacts(sql, event.ticket_id, 'update');
  if (!loaded || loaded.ticket.mergedIntoId) return 0;
  const entry = await findTimelineEntry(sql, event.entry_id);
  const ruleEvent = { kind: event.kind as AutomationEvent, body: entry?.body ?? null, actor: event.actor_kind };
  let ticket = loaded.ticket;
  let fired = 0;
  for (const rule of listening) {
    const ctx = ruleContext({ ticket, facts: loaded.facts }, ruleEvent);
    if (!evaluate(rule.conditions, ctx).matched) continue;
    const { explanation } = evaluate(rule.conditions, ctx, { nameOf: await explanationNames(sql, rule.conditions, ticket) });
    const source = { kind: 'automation' as const, id: rule.id, name: rule.name };
    ({ ticket } = await runTicketActions(sql, deps, ticket, rule.actions, {
      source, reason: `Automation «${rule.name}»: ${explanation}`,
    }));
    fired++;
  }
  return fired;
}
