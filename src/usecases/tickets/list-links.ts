import { canSeeTicket, requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { listLinksOf } from '../../store/ticket-links.js';
import type { Deps } from '../deps.js';
import { loadVisibleTicket } from '../ticket-access.js';
import { toLinkView, type LinkView } from './link-view.js';

/** The ticket's links, oldest first; links to tickets the agent may not see are left out (not even their subject). */
export async function listLinks(deps: Deps, p: Principal, ref: string): Promise<LinkView[]> {
  requireAgent(p, 'agent', 'tickets:read');
  const ticket = await loadVisibleTicket(deps.db, p, ref);
  const rows = await listLinksOf(deps.db, ticket.id);
  return rows
    .filter((r) =>
      canSeeTicket(p, {
        requesterId: r.other_requester_id,
        organizationId: r.other_organization_id,
        teamId: r.other_team_id,
        assigneeId: r.other_assignee_id,
      }),
    )
    .map((r) => toLinkView(r, ticket.id));
}
