import { pickText, type LocalizedText, type TicketAction } from '../../domain/automation/actions.js';
import { DomainError } from '../../domain/errors.js';
import { raisePriority } from '../../domain/priority.js';
import { renderTemplate } from '../../domain/templates.js';
import type { TicketChangeRequest } from '../../domain/ticket-changes.js';
import { normalizeTags, TIERS, type Ticket } from '../../domain/ticket.js';
import type { Actor, NewTimelineEntry } from '../../domain/timeline.js';
import type { Sql } from '../../store/db.js';
import { findNotifyTargets, insertNotification } from '../../store/notifications.js';
import { findRequesterById } from '../../store/requesters.js';
import { findTeamByTier } from '../../store/teams.js';
import { appendTimeline, updateTicket } from '../../store/tickets.js';
import { queueAgentNotice } from '../email/agent-notice.js';
import { queueTicketMail } from '../email/notify.js';
import type { Deps } from '../deps.js';
import { loadPriorityMatrix } from '../priority-matrix.js';
import { applyTicketChanges } from '../tickets/apply-changes.js';
import { loadTemplateVars } from '../templates/template-vars.js';

export interface ActionSource {
  kind: 'sla' | 'automation' | 'macro';
  id: string;
  name: string;
}

export interface RunActionsContext {
  source: ActionSource;
  /** Why the actions run, in English, written on every entry (e.g. "SLA «Standard»: resolution breached"). */
  reason: string;
  /** Title of in-app and mail notifications, per language; defaults to the source's name. */
  notice?: LocalizedText;
}

export interface RunActionsResult {
  ticket: Ticket;
  changed: boolean;
}

const SYSTEM: Actor = { kind: 'system', id: null };

/**
 * Applies actions to a ticket the caller has locked, in the caller's transaction, in order. Field changes go
 * through `applyTicketChanges` (same rules and timeline entries as an agent's change, with the reason and
 * `data.source`). An action that cannot apply — a transition the lifecycle forbids, a team that was deleted,
 * already at the top priority — is skipped and explained by a `ticket.action_skipped` entry: automation must
 * never block the work that triggered it.
 */
export async function runTicketActions(
  sql: Sql,
  deps: Deps,
  ticket: Ticket,
  actions: readonly TicketAction[],
  ctx: RunActionsContext,
): Promise<RunActionsResult> {
  let current = ticket;
  let changed = false;
  const write = async (entries: NewTimelineEntry[]) => {
    const now = deps.clock.now();
    await appendTimeline(sql, current.id, entries.map((e) => ({ ...e, id: deps.newId(), createdAt: now })));
    current = await updateTicket(sql, current.id, { updatedAt: now });
    changed = true;
  };
  for (const action of actions) {
    try {
      if (current.status === 'closed' && action.type !== 'notify') throw new DomainError('TICKET_CLOSED', 'the ticket is closed');
      const request = await changeRequestFor(sql, current, action);
      if (request) {
        const applied = await applyTicketChanges(sql, deps, current, request, { actor: SYSTEM, reason: ctx.reason, source: ctx.source });
        current = applied.ticket;
        changed ||= applied.changed;
      } else if (action.type === 'notify') {
        await notify(sql, deps, current, action, ctx, write);
      } else if (action.type === 'reply' || action.type === 'note') {
        current = await writeTemplate(sql, deps, current, action, ctx);
        changed = true;
      }
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      await write([{
        kind: 'ticket.action_skipped', actor: SYSTEM, visibility: 'internal', body: null,
        reason: `${ctx.reason}: could not ${action.type.replace(/_/g, ' ')}: ${err.message}`,
        data: { source: ctx.source, action, error: { code: err.code, message: err.message } },
      }]);
    }
  }
  return { ticket: current, changed };
}

/** The field change an action asks for, or null for actions that are not field changes. */
async function changeRequestFor(sql: Sql, t: Ticket, a: TicketAction): Promise<TicketChangeRequest | null> {
  switch (a.type) {
    case 'set_status':
      return { status: a.status };
    case 'set_urgency':
      return { urgency: a.urgency };
    case 'set_impact':
      return { impact: a.impact };
    case 'raise_priority': {
      const raised = raisePriority(await loadPriorityMatrix(sql), t.urgency, t.impact);
      if (!raised) throw new DomainError('CONFLICT', `priority ${t.priority} is already the highest the matrix gives`);
      return { urgency: raised.urgency, impact: raised.impact };
    }
    case 'set_team':
      return { teamId: a.team_id };
    case 'set_assignee':
      return { assigneeId: a.agent_id };
    case 'set_tier':
      return { tier: a.tier };
    case 'escalate_tier': {
      const next = TIERS[TIERS.indexOf(t.tier) + 1];
      if (!next) throw new DomainError('CONFLICT', `the ticket is already at ${t.tier}, the highest tier`);
      // The assignee holds the lower tier: the ticket goes to the team working at the next tier (or stays in its
      // team when there is none) and is routed there.
      return { tier: next, assigneeId: null, teamId: (await findTeamByTier(sql, next))?.id ?? t.teamId };
    }
    case 'add_tags':
      return { tags: normalizeTags([...t.tags, ...a.tags]) };
    case 'remove_tags': {
      const drop = new Set(normalizeTags(a.tags));
      return { tags: t.tags.filter((tag) => !drop.has(tag)) };
    }
    default:
      return null;
  }
}

async function notify(
  sql: Sql, deps: Deps, t: Ticket, a: Extract<TicketAction, { type: 'notify' }>, ctx: RunActionsContext,
  write: (entries: NewTimelineEntry[]) => Promise<void>,
): Promise<void> {
  const targets = await findNotifyTargets(sql, { teamId: t.teamId, assigneeId: t.assigneeId, recipients: a.recipients, agentIds: a.agent_ids ?? [] });
  if (targets.length === 0) throw new DomainError('NOT_FOUND', `nobody to notify (${a.recipients.join(', ') || 'no recipients'})`);
  const now = deps.clock.now();
  let emailed = 0;
  for (const agent of targets) {
    const language = agent.language === 'en' ? 'en' : 'fr';
    const title = pickText(ctx.notice ?? { fr: ctx.source.name, en: ctx.source.name }, language);
    const vars = await loadTemplateVars(sql, deps, t, { agentId: agent.id, language });
    const message = a.message ? renderTemplate(pickText(a.message, language), vars) : '';
    const body = [`#${t.number} ${t.subject}`, message, ctx.reason].filter(Boolean).join('\n\n');
    await insertNotification(sql, {
      id: deps.newId(), agentId: agent.id, ticketId: t.id, kind: ctx.source.kind, title, body,
      data: { source: ctx.source, as: agent.as }, createdAt: now,
    });
    if (a.email && (await queueAgentNotice(sql, deps, t, { to: agent.email, language, title, body }))) emailed++;
  }
  await write([{
    kind: 'ticket.notified', actor: SYSTEM, visibility: 'internal', body: null, reason: ctx.reason,
    data: { source: ctx.source, recipients: targets.map((r) => ({ id: r.id, name: r.name, as: r.as })), emailed },
  }]);
}

async function writeTemplate(
  sql: Sql, deps: Deps, t: Ticket, a: Extract<TicketAction, { type: 'reply' | 'note' }>, ctx: RunActionsContext,
): Promise<Ticket> {
  const requester = await findRequesterById(sql, t.requesterId);
  const language = requester?.language === 'en' ? 'en' : 'fr';
  const body = renderTemplate(pickText(a.body, language), await loadTemplateVars(sql, deps, t, { agentId: null, language }));
  if (!body.trim()) throw new DomainError('VALIDATION_FAILED', `the ${a.type} text is empty in ${language}`);
  const now = deps.clock.now();
  const id = deps.newId();
  const publicReply = a.type === 'reply';
  await appendTimeline(sql, t.id, [{
    id, createdAt: now, kind: publicReply ? 'ticket.replied' : 'ticket.noted', actor: SYSTEM,
    visibility: publicReply ? 'public' : 'internal', body, reason: ctx.reason, data: { source: ctx.source, language },
  }]);
  const updated = await updateTicket(sql, t.id, { updatedAt: now }, { text: body, internal: !publicReply });
  // The requester hears an automatic reply by mail like any other; it is not an agent's first response.
  if (publicReply) await queueTicketMail(sql, deps, updated, { kind: 'reply', entryId: id, body });
  return updated;
}
