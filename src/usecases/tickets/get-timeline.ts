import { canSeeTicket, requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { requesterCanSee } from '../../domain/timeline.js';
import { findTicketsByIds, listTimelineEntries, mergedFamily } from '../../store/tickets.js';
import type { Deps } from '../deps.js';
import { loadVisibleTicket } from '../ticket-access.js';
import { forRequester, toTimelineView, type TimelineEntryView } from './timeline-view.js';

/**
 * The ticket's history, oldest first, joined with the history of every ticket merged into it (each entry says
 * which ticket it came from). Requesters see public replies and status events only, and only from tickets they
 * may see themselves: a ticket merged in from another requester keeps its conversation private.
 */
export async function getTimeline(deps: Deps, p: Principal, ref: string): Promise<TimelineEntryView[]> {
  if (p.kind === 'agent') requireAgent(p, 'agent', 'tickets:read');
  const ticket = await loadVisibleTicket(deps.db, p, ref);
  let family = await mergedFamily(deps.db, ticket.id);
  if (p.kind === 'requester' && family.length > 1) {
    const visible = (await findTicketsByIds(deps.db, family)).filter((t) => canSeeTicket(p, t)).map((t) => t.id);
    family = family.filter((id) => visible.includes(id));
  }
  const entries = (await listTimelineEntries(deps.db, family)).map(toTimelineView);
  if (p.kind === 'agent') return entries;
  return entries.filter((e) => requesterCanSee(e.kind, e.visibility)).map(forRequester);
}
