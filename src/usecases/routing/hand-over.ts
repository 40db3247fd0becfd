/**
 * When an agent stops being available (goes offline, or an out-of-office period starts), the open tickets they
 * have not touched since they got them go to their delegate, or back to their team's queue to be routed again.
 * Tickets they have worked on stay theirs: a half-done diagnosis is not handed to someone else silently.
 */
import { isOutOfOffice } from '../../domain/routing/availability.js';
import type { AgentRow } from '../../store/agents.js';
import { findAgent } from '../../store/agents.js';
import type { Sql } from '../../store/db.js';
import { setWaiting, untouchedTicketIds } from '../../store/routing.js';
import { findTeam } from '../../store/teams.js';
import { findTicket } from '../../store/tickets.js';
import type { Deps } from '../deps.js';
import { applyTicketChanges } from '../tickets/apply-changes.js';
import { autoAssign } from './auto-assign.js';

const SOURCE = { kind: 'routing', id: 'redistributed', name: 'Automatic assignment' };

/**
 * In the caller's transaction. Returns the teams whose queues got tickets back: the caller dispatches them after
 * commit, each ticket in its own transaction (assignment locks agents, so it is not done while this one is held).
 */
export async function handOverUntouched(sql: Sql, deps: Deps, agent: AgentRow): Promise<{ teams: string[]; handed: number }> {
  const now = deps.clock.now();
  const ooo = isOutOfOffice(agent, now);
  const delegate = ooo && agent.ooo_delegate_id ? await findAgent(sql, agent.ooo_delegate_id) : undefined;
  const why = ooo
    ? `${agent.name} is out of office${agent.ooo_until ? ` until ${agent.ooo_until.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}`
    : `${agent.name} went offline`;
  const teams = new Set<string>();
  let handed = 0;
  for (const id of await untouchedTicketIds(sql, agent.id)) {
    const ticket = (await findTicket(sql, { id }))!;
    const toDelegate = delegate?.active && (!ticket.teamId || delegate.team_ids.includes(ticket.teamId)) ? delegate : undefined;
    const routing = {
      trigger: 'redistributed', from: { id: agent.id, name: agent.name }, why: ooo ? 'out_of_office' : 'offline',
      ooo_until: ooo ? (agent.ooo_until?.toISOString() ?? null) : null,
      delegate: delegate ? { id: delegate.id, name: delegate.name, used: Boolean(toDelegate) } : null,
    };
    const common = { actor: { kind: 'system' as const, id: null }, source: SOURCE, route: false, data: { routing } };
    if (toDelegate) {
      await applyTicketChanges(sql, deps, ticket, { assigneeId: toDelegate.id }, {
        ...common, reason: `${why}; not touched since assigned: handed to their delegate ${toDelegate.name}.`,
      });
    } else {
      const reason = `${why}; not touched since assigned: back to the team queue${delegate ? ` (the delegate ${delegate.name} is not in this team)` : ''}.`;
      const { ticket: back } = await applyTicketChanges(sql, deps, ticket, { assigneeId: null }, { ...common, reason });
      const team = back.teamId ? await findTeam(sql, back.teamId) : undefined;
      if (team?.assignment_mode === 'push') {
        await setWaiting(sql, back.id, { since: now, reason, nextTryAt: now });
        teams.add(team.id);
      } else if (team) {
        await autoAssign(sql, deps, (await findTicket(sql, { id: back.id }))!, { trigger: 'redistributed' });
      }
    }
    handed++;
  }
  return { teams: [...teams], handed };
}
