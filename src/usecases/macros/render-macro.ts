import { pickText } from '../../domain/automation/actions.js';
import { mailLanguage } from '../../domain/email/templates.js';
import type { MacroAction } from '../../domain/macros.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { renderTemplate, type TemplateLanguage } from '../../domain/templates.js';
import type { Ticket } from '../../domain/ticket.js';
import { findAgent } from '../../store/agents.js';
import type { Sql } from '../../store/db.js';
import type { MacroListRow } from '../../store/macros.js';
import { findRequesterById } from '../../store/requesters.js';
import { findTeam } from '../../store/teams.js';
import type { Deps } from '../deps.js';
import { loadTemplateVars } from '../templates/template-vars.js';
import { loadVisibleTicket } from '../ticket-access.js';
import { loadVisibleMacro } from './macro-rules.js';

/** An action with the names a person reads (the team's, the agent's); null when it no longer exists. */
export type DescribedAction = MacroAction & { team_name?: string | null; agent_name?: string | null };

export interface RenderedMacro {
  macro: MacroListRow;
  /** The language of the text used: the requester's, or the other one when the macro has no text in theirs. */
  language: TemplateLanguage;
  /** The reply with its variables filled in ('' for a macro without reply). */
  body: string;
  actions: DescribedAction[];
}

/** The macro's reply for this ticket, in the requester's language (else the other), variables filled in. */
export async function composeMacroReply(
  sql: Sql, deps: Deps, ticket: Ticket, macro: MacroListRow, agentId: string,
): Promise<{ language: TemplateLanguage; body: string }> {
  const requester = await findRequesterById(sql, ticket.requesterId);
  const wanted = mailLanguage(requester?.language);
  const text = pickText(macro.body, wanted);
  const language: TemplateLanguage = macro.body[wanted]?.trim() || !text ? wanted : wanted === 'fr' ? 'en' : 'fr';
  if (!text) return { language, body: '' };
  return { language, body: renderTemplate(text, await loadTemplateVars(sql, deps, ticket, { agentId, language })) };
}

export async function describeActions(sql: Sql, actions: readonly MacroAction[]): Promise<DescribedAction[]> {
  const out: DescribedAction[] = [];
  for (const a of actions) {
    if (a.type === 'set_team') out.push({ ...a, team_name: (await findTeam(sql, a.team_id))?.name ?? null });
    else if (a.type === 'set_assignee') out.push({ ...a, agent_name: a.agent_id ? ((await findAgent(sql, a.agent_id))?.name ?? null) : null });
    else out.push(a);
  }
  return out;
}

/** Previews a macro on a ticket the agent can see: the reply as it would be sent, and the changes it would make. */
export async function renderMacro(deps: Deps, p: Principal, ticketRef: string, macroId: string): Promise<RenderedMacro> {
  const agent = requireAgent(p, 'agent', 'tickets:read');
  return deps.db.tx(async (sql) => {
    const ticket = await loadVisibleTicket(sql, agent, ticketRef);
    const macro = await loadVisibleMacro(sql, agent, macroId);
    const reply = await composeMacroReply(sql, deps, ticket, macro, agent.id);
    return { macro, ...reply, actions: await describeActions(sql, macro.actions) };
  });
}
