import { agentsNewlyOutOfOffice, lockWaitingTicket, waitingTicketIds } from '../../store/routing.js';
import { findAgent } from '../../store/agents.js';
import { findTicket } from '../../store/tickets.js';
import type { Deps } from '../deps.js';
import { autoAssign } from './auto-assign.js';
import { handOverUntouched } from './hand-over.js';

/** Most waiting tickets tried in one call; the sweep goes on at once while there are more. */
const BATCH = 200;

async function tryWaiting(deps: Deps, ids: readonly string[]): Promise<number> {
  let assigned = 0;
  for (const id of ids) {
    const done = await deps.db.tx(async (sql) => {
      // Another process holding the ticket is handling it; skip rather than wait.
      if (!(await lockWaitingTicket(sql, id))) return false;
      return (await autoAssign(sql, deps, (await findTicket(sql, { id }))!, { trigger: 'waiting' })).assigned;
    });
    if (done) {
      assigned++;
      deps.onCommitted?.([id]);
    }
  }
  return assigned;
}

/** After commit: tries to assign the waiting tickets of these teams (each in its own transaction). */
export async function dispatchWaiting(deps: Deps, teamIds: readonly string[]): Promise<number> {
  if (!teamIds.length) return 0;
  const ids = await deps.db.tx((sql) => waitingTicketIds(sql, { teamIds, now: deps.clock.now(), limit: BATCH }));
  return tryWaiting(deps, ids);
}

export interface RoutingSweep {
  handedOver: number;
  tried: number;
  assigned: number;
}

/**
 * The `routing.sweep` job: hands over the untouched tickets of agents whose out-of-office period has started,
 * then tries the waiting tickets that are due (an agent's shift starts, an absence ends, a ticket closed, or the
 * periodic retry). Safe with several processes: tickets are taken with SKIP LOCKED.
 */
export async function sweepRouting(deps: Deps): Promise<RoutingSweep> {
  const now = deps.clock.now();
  let handedOver = 0;
  for (const agentId of await deps.db.tx((sql) => agentsNewlyOutOfOffice(sql, now))) {
    handedOver += await deps.db.tx(async (sql) => {
      const agent = await findAgent(sql, agentId);
      return agent ? (await handOverUntouched(sql, deps, agent)).handed : 0;
    });
  }
  const ids = await deps.db.tx((sql) => waitingTicketIds(sql, { teamIds: null, now, limit: BATCH }));
  return { handedOver, tried: ids.length, assigned: await tryWaiting(deps, ids) };
}
