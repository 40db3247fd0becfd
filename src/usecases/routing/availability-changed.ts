import { isOutOfOffice } from '../../domain/routing/availability.js';
import type { AgentRow } from '../../store/agents.js';
import type { Sql } from '../../store/db.js';
import { retryTeams } from '../../store/routing.js';
import type { Deps } from '../deps.js';
import { handOverUntouched } from './hand-over.js';

const unavailable = (a: AgentRow, now: Date) => !a.active || a.availability === 'offline' || isOutOfOffice(a, now);

/**
 * In the caller's transaction, after the agent row was updated: when the agent stopped being available
 * (offline, or out of office now), their untouched open tickets go to the delegate or back to routing; when they
 * can take work (back online, more capacity, new hours), their teams' waiting tickets get a try.
 * Returns the team ids whose waiting tickets should be tried after commit (`dispatchWaiting`).
 */
export async function onAvailabilityChanged(sql: Sql, deps: Deps, before: AgentRow, after: AgentRow): Promise<string[]> {
  const now = deps.clock.now();
  if (unavailable(after, now)) {
    if (unavailable(before, now)) return [];
    return (await handOverUntouched(sql, deps, after)).teams;
  }
  await retryTeams(sql, after.team_ids, now);
  return after.team_ids;
}
