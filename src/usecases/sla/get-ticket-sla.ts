import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { usedAt } from '../../domain/sla/clock.js';
import { SLA_METRICS, type SlaMetric } from '../../domain/sla/policy.js';
import type { Ticket } from '../../domain/ticket.js';
import { listSlaEvents, type SlaEventRow } from '../../store/ticket-sla.js';
import type { Deps } from '../deps.js';
import { loadVisibleTicket } from '../ticket-access.js';
import { calendarOfState } from './track-sla.js';

export interface TicketSlaView {
  ticket: Ticket;
  /** Each measured target at this instant: business minutes used and left. */
  now: Array<{ metric: SlaMetric; used_minutes: number; remaining_minutes: number }>;
  history: SlaEventRow[];
}

/** A ticket's SLA clock and its history, for agents who can see the ticket. */
export async function getTicketSla(deps: Deps, p: Principal, ref: string): Promise<TicketSlaView> {
  requireAgent(p, 'agent', 'tickets:read');
  const ticket = await loadVisibleTicket(deps.db, p, ref);
  const history = await listSlaEvents(deps.db, ticket.id);
  const state = ticket.sla;
  if (!state) return { ticket, now: [], history };
  const at = deps.clock.now();
  const cal = await calendarOfState(deps.db, state, ticket, at);
  const now = SLA_METRICS.flatMap((metric) => {
    const m = state.metrics[metric];
    if (!m) return [];
    const used = usedAt(m, { calendar: cal.calendar, now: at }) / 60_000;
    return [{ metric, used_minutes: Math.round(used * 10) / 10, remaining_minutes: Math.max(0, Math.round((m.target_minutes - used) * 10) / 10) }];
  });
  return { ticket, now, history };
}
