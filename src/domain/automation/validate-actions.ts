import type { ErrorDetail } from '../errors.js';
import { TICKET_STATUSES, TIERS } from '../ticket.js';
import { NOTIFY_RECIPIENTS, TICKET_ACTION_TYPES, type TicketAction, type TicketActionType } from './actions.js';

/**
 * Checks untrusted action lists (automations, and any other owner of TicketAction JSON) field by field; every
 * problem comes back with its path (`actions.2.body.fr`), none is thrown. Templates (reply, note and notify texts)
 * are checked by `checkTemplate` when given.
 */
export const MAX_ACTIONS = 20;
const MAX_TEXT = 20_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The fields each action type takes (besides `type`); anything else is reported. */
const FIELDS: Record<TicketActionType, readonly string[]> = {
  set_status: ['status'],
  set_urgency: ['urgency'],
  set_impact: ['impact'],
  raise_priority: [],
  set_team: ['team_id'],
  set_assignee: ['agent_id'],
  set_tier: ['tier'],
  escalate_tier: [],
  add_tags: ['tags'],
  remove_tags: ['tags'],
  notify: ['recipients', 'agent_ids', 'email', 'message'],
  reply: ['body'],
  note: ['body'],
};

export type TemplateCheck = (text: string) => Array<{ path?: string; message: string }>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

function checkLocalized(v: unknown, path: string, required: boolean, checkTemplate: TemplateCheck | undefined): ErrorDetail[] {
  if (!isObject(v)) return [{ path, message: 'must be an object { fr?, en? }' }];
  const out: ErrorDetail[] = [];
  for (const key of Object.keys(v)) if (key !== 'fr' && key !== 'en') out.push({ path: `${path}.${key}`, message: 'only fr and en' });
  let filled = 0;
  for (const lang of ['fr', 'en'] as const) {
    const text = v[lang];
    if (text === undefined) continue;
    if (typeof text !== 'string') out.push({ path: `${path}.${lang}`, message: 'must be a text' });
    else if (text.length > MAX_TEXT) out.push({ path: `${path}.${lang}`, message: `at most ${MAX_TEXT} characters` });
    else if (text.trim()) {
      filled++;
      for (const p of checkTemplate?.(text) ?? []) out.push({ path: `${path}.${lang}`, message: p.message });
    }
  }
  if (required && filled === 0) out.push({ path, message: 'a text in French or English is required' });
  return out;
}

function checkTags(v: unknown, path: string): ErrorDetail[] {
  if (!Array.isArray(v) || v.length === 0) return [{ path, message: 'at least one tag' }];
  return v.flatMap((t, i) =>
    typeof t === 'string' && t.trim() && t.length <= 50 ? [] : [{ path: `${path}.${i}`, message: 'a tag of 1 to 50 characters' }]);
}

function checkOne(a: Record<string, unknown>, path: string, checkTemplate: TemplateCheck | undefined): ErrorDetail[] {
  const type = a.type as TicketActionType;
  const out: ErrorDetail[] = Object.keys(a)
    .filter((k) => k !== 'type' && !FIELDS[type].includes(k))
    .map((k) => ({ path: `${path}.${k}`, message: `not a field of ${type}` }));
  const need = (ok: boolean, field: string, message: string) => {
    if (!ok) out.push({ path: `${path}.${field}`, message });
  };
  switch (type) {
    case 'set_status':
      need(TICKET_STATUSES.includes(a.status as never) && a.status !== 'new', 'status', 'one of open, pending, on_hold, resolved, closed');
      break;
    case 'set_urgency':
    case 'set_impact': {
      const field = type === 'set_urgency' ? 'urgency' : 'impact';
      need([1, 2, 3].includes(a[field] as number), field, 'must be 1, 2 or 3');
      break;
    }
    case 'set_team':
      need(isUuid(a.team_id), 'team_id', 'a team id is required');
      break;
    case 'set_assignee':
      need(a.agent_id === null || isUuid(a.agent_id), 'agent_id', 'an agent id, or null to unassign');
      break;
    case 'set_tier':
      need(TIERS.includes(a.tier as never), 'tier', `one of ${TIERS.join(', ')}`);
      break;
    case 'add_tags':
    case 'remove_tags':
      out.push(...checkTags(a.tags, `${path}.tags`));
      break;
    case 'notify': {
      const recipients = a.recipients ?? [];
      const agentIds = a.agent_ids ?? [];
      if (!Array.isArray(recipients) || recipients.some((r) => !NOTIFY_RECIPIENTS.includes(r))) {
        out.push({ path: `${path}.recipients`, message: `a list of ${NOTIFY_RECIPIENTS.join(', ')}` });
      } else if (new Set(recipients).size !== recipients.length) {
        out.push({ path: `${path}.recipients`, message: 'each recipient once' });
      }
      if (!Array.isArray(agentIds) || agentIds.some((id) => !isUuid(id))) out.push({ path: `${path}.agent_ids`, message: 'a list of agent ids' });
      if (Array.isArray(recipients) && Array.isArray(agentIds) && recipients.length + agentIds.length === 0) {
        out.push({ path: `${path}.recipients`, message: 'notify someone: a recipient or an agent' });
      }
      need(typeof a.email === 'boolean', 'email', 'true to send an e-mail too, else false');
      if (a.message !== undefined) out.push(...checkLocalized(a.message, `${path}.message`, false, checkTemplate));
      break;
    }
    case 'reply':
    case 'note':
      out.push(...checkLocalized(a.body, `${path}.body`, true, checkTemplate));
      break;
    case 'raise_priority':
    case 'escalate_tier':
      break;
  }
  return out;
}

/** Problems of an untrusted action list, each with its path under `base` (e.g. 'actions'). */
export function validateActions(value: unknown, base = 'actions', checkTemplate?: TemplateCheck): ErrorDetail[] {
  if (!Array.isArray(value)) return [{ path: base, message: 'must be a list of actions' }];
  if (value.length > MAX_ACTIONS) return [{ path: base, message: `at most ${MAX_ACTIONS} actions` }];
  return value.flatMap((a, i) => {
    const path = `${base}.${i}`;
    if (!isObject(a)) return [{ path, message: 'must be an action object' }];
    if (!TICKET_ACTION_TYPES.includes(a.type as TicketActionType)) {
      return [{ path: `${path}.type`, message: `one of ${TICKET_ACTION_TYPES.join(', ')}` }];
    }
    return checkOne(a, path, checkTemplate);
  });
}

export interface ActionReference {
  path: string;
  kind: 'team' | 'agent';
  id: string;
}

/** Ids an action list refers to, with their paths, for the caller to check they exist. */
export function actionReferences(actions: readonly TicketAction[], base = 'actions'): ActionReference[] {
  return actions.flatMap((a, i): ActionReference[] => {
    if (a.type === 'set_team') return [{ path: `${base}.${i}.team_id`, kind: 'team', id: a.team_id }];
    if (a.type === 'set_assignee' && a.agent_id) return [{ path: `${base}.${i}.agent_id`, kind: 'agent', id: a.agent_id }];
    if (a.type === 'notify') return (a.agent_ids ?? []).map((id, j) => ({ path: `${base}.${i}.agent_ids.${j}`, kind: 'agent', id }));
    return [];
  });
}
