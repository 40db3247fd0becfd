import { templateVars, type TemplateLanguage, type TemplateVars } from '../../domain/templates.js';
import type { Ticket } from '../../domain/ticket.js';
import { findAgent } from '../../store/agents.js';
import type { Sql } from '../../store/db.js';
import { findRequesterById, listIdentities } from '../../store/requesters.js';
import { findTeam } from '../../store/teams.js';
import type { Deps } from '../deps.js';
import { portalTicketUrl } from '../email/notify.js';

/**
 * The template variables of a ticket: its requester (primary e-mail address), the agent writing (none for an
 * automation) and the ticket's team. The portal link is absolute when RELAIS_PUBLIC_URL is set, else a path on
 * this server (which still works where the reply is read in the portal).
 */
export async function loadTemplateVars(
  sql: Sql,
  deps: Deps,
  ticket: Ticket,
  opts: { agentId: string | null; language: TemplateLanguage },
): Promise<TemplateVars> {
  const requester = await findRequesterById(sql, ticket.requesterId);
  const identities = await listIdentities(sql, [ticket.requesterId]);
  const agent = opts.agentId ? await findAgent(sql, opts.agentId) : undefined;
  const team = ticket.teamId ? await findTeam(sql, ticket.teamId) : undefined;
  const publicUrl = deps.mail?.publicUrl;
  return templateVars({
    language: opts.language,
    requester: { name: requester?.name ?? '', email: identities.find((i) => i.kind === 'email')?.value ?? null },
    ticket: {
      number: ticket.number, subject: ticket.subject, status: ticket.status, priority: ticket.priority,
      url: publicUrl ? portalTicketUrl(publicUrl, ticket.number) : `/portal/tickets/${ticket.number}`,
    },
    agent: agent ? { name: agent.name } : null,
    team: team ? { name: team.name } : null,
  });
}
