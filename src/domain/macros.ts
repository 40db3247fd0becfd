import type { LocalizedText, TicketAction } from './automation/actions.js';
import type { ErrorDetail } from './errors.js';
import type { TicketChangeRequest } from './ticket-changes.js';
import { normalizeTags, type Ticket } from './ticket.js';
import { validateTemplate } from './templates.js';

/**
 * Macros: a canned reply (French and English template) and field changes an agent applies in one click. The
 * changes are the ticket-field part of the automation vocabulary (domain/automation/actions.ts); notifications,
 * notes and escalation stay with SLA rules and automations.
 */
export const MACRO_ACTION_TYPES = [
  'set_status', 'set_urgency', 'set_impact', 'set_team', 'set_assignee', 'set_tier', 'add_tags', 'remove_tags',
] as const;
export type MacroActionType = (typeof MACRO_ACTION_TYPES)[number];
export type MacroAction = Extract<TicketAction, { type: MacroActionType }>;

export const MACRO_LANGUAGES = ['fr', 'en'] as const;

/**
 * Problems of a macro's reply and changes, paths relative to the request body (`body.fr`, `actions.1`). An
 * empty body is fine when the macro changes fields (a "changes only" macro); a macro doing nothing is not.
 */
export function macroProblems(body: LocalizedText, actions: readonly MacroAction[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const lang of MACRO_LANGUAGES) {
    const text = body[lang];
    if (text === undefined) continue;
    for (const p of validateTemplate(text)) problems.push({ ...p, path: `body.${lang}` });
  }
  const hasText = MACRO_LANGUAGES.some((l) => body[l]?.trim());
  if (!hasText && actions.length === 0) {
    problems.push({ path: 'body', message: 'Give a reply text (French or English) or at least one change.' });
  }
  const seen = new Set<string>();
  actions.forEach((a, i) => {
    // One action per field: two statuses (or a tag both added and removed) would leave the outcome to the order.
    if (seen.has(a.type)) problems.push({ path: `actions.${i}`, message: `${a.type} appears twice.` });
    seen.add(a.type);
    if ((a.type === 'add_tags' || a.type === 'remove_tags') && normalizeTags(a.tags).length === 0) {
      problems.push({ path: `actions.${i}.tags`, message: 'Give at least one tag.' });
    }
  });
  const added = new Set(normalizeTags(actions.flatMap((a) => (a.type === 'add_tags' ? a.tags : []))));
  const removed = normalizeTags(actions.flatMap((a) => (a.type === 'remove_tags' ? a.tags : [])));
  const both = removed.filter((t) => added.has(t));
  if (both.length) problems.push({ path: 'actions', message: `Tags both added and removed: ${both.join(', ')}.` });
  return problems;
}

/** What the macro's changes ask of this ticket, as a ticket change request (tags computed from the current ones). */
export function macroChangeRequest(ticket: Pick<Ticket, 'tags'>, actions: readonly MacroAction[]): TicketChangeRequest {
  const req: TicketChangeRequest = {};
  let tags: string[] | null = null;
  for (const a of actions) {
    switch (a.type) {
      case 'set_status': req.status = a.status; break;
      case 'set_urgency': req.urgency = a.urgency; break;
      case 'set_impact': req.impact = a.impact; break;
      case 'set_team': req.teamId = a.team_id; break;
      case 'set_assignee': req.assigneeId = a.agent_id; break;
      case 'set_tier': req.tier = a.tier; break;
      case 'add_tags': tags = [...(tags ?? ticket.tags), ...a.tags]; break;
      case 'remove_tags': {
        const drop = new Set(normalizeTags(a.tags));
        tags = normalizeTags(tags ?? ticket.tags).filter((t) => !drop.has(t));
        break;
      }
    }
  }
  if (tags) req.tags = normalizeTags(tags);
  return req;
}
