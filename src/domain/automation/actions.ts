import type { Level } from '../priority.js';
import type { TicketStatus, Tier } from '../ticket.js';

/** A text in both languages of the help desk; the reader's language picks one, the other is the fallback. */
export interface LocalizedText {
  fr?: string;
  en?: string;
}

/** Who a `notify` action reaches: the assignee, the team lead, every member of the ticket's team, managers. */
export const NOTIFY_RECIPIENTS = ['assignee', 'team_lead', 'team', 'managers'] as const;
export type NotifyRecipient = (typeof NOTIFY_RECIPIENTS)[number];

/**
 * What SLA escalations, automations and macros can do to a ticket. One vocabulary, one executor
 * (src/usecases/automation/run-actions.ts), so every action is written on the timeline the same way.
 * Field ids are the API's (snake_case) since the same JSON travels through the API and is stored as is.
 */
export type TicketAction =
  | { type: 'set_status'; status: Exclude<TicketStatus, 'new'> }
  | { type: 'set_urgency'; urgency: Level }
  | { type: 'set_impact'; impact: Level }
  /** Raises the priority one step through the matrix (urgency first, then impact); nothing at the top. */
  | { type: 'raise_priority' }
  | { type: 'set_team'; team_id: string }
  | { type: 'set_assignee'; agent_id: string | null }
  | { type: 'set_tier'; tier: Tier }
  /** L1 → L2 → L3; the ticket leaves its assignee (who holds the lower tier) for the team queue. */
  | { type: 'escalate_tier' }
  | { type: 'add_tags'; tags: string[] }
  | { type: 'remove_tags'; tags: string[] }
  | { type: 'notify'; recipients: NotifyRecipient[]; agent_ids?: string[]; email: boolean; message?: LocalizedText }
  /** A public reply from the help desk, a template with {{variables}} in the requester's language. */
  | { type: 'reply'; body: LocalizedText }
  /** An internal note, a template too. */
  | { type: 'note'; body: LocalizedText };

export type TicketActionType = TicketAction['type'];

export const TICKET_ACTION_TYPES: readonly TicketActionType[] = [
  'set_status', 'set_urgency', 'set_impact', 'raise_priority', 'set_team', 'set_assignee', 'set_tier',
  'escalate_tier', 'add_tags', 'remove_tags', 'notify', 'reply', 'note',
];

/** Picks the text for a language: the asked one, else the other, else ''. */
export function pickText(text: LocalizedText, language: string): string {
  const first = language === 'en' ? text.en : text.fr;
  const other = language === 'en' ? text.fr : text.en;
  return (first?.trim() ? first : other) ?? '';
}
