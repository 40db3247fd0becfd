import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import { countRoutingRulesForTeam } from '../../store/routing-rules.js';
import { countTeamTickets, deleteTeam, lockTeam } from '../../store/teams.js';
import type { Deps } from '../deps.js';

/**
 * Deletes a team (administrators). Refused with TEAM_IN_USE while tickets reference it: their history would
 * lose who handled them. Move those tickets to another team first. Likewise while routing rules send tickets to it.
 */
export async function removeTeam(deps: Deps, p: Principal, id: string): Promise<void> {
  const admin = requireAgent(p, 'admin', 'admin');
  const now = deps.clock.now();
  await deps.db.tx(async (sql) => {
    const team = await lockTeam(sql, id);
    if (!team) throw new DomainError('TEAM_NOT_FOUND', 'No such team.');
    const tickets = await countTeamTickets(sql, id);
    if (tickets > 0) {
      throw new DomainError('TEAM_IN_USE', `${tickets} ticket(s) belong to this team; move them to another team first.`, {
        ticket_count: tickets,
      });
    }
    const rules = await countRoutingRulesForTeam(sql, id);
    if (rules > 0) {
      throw new DomainError('TEAM_IN_USE', `${rules} routing rule(s) send tickets to this team; change or delete them first.`, {
        routing_rule_count: rules,
      });
    }
    await deleteTeam(sql, id);
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: admin.id, action: 'team.deleted',
      targetKind: 'team', targetId: id, data: { name: team.name },
    });
  });
}
