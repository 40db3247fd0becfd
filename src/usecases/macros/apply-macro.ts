import { DomainError } from '../../domain/errors.js';
import { macroChangeRequest, type MacroActionType } from '../../domain/macros.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { assertTicketWritable } from '../../domain/ticket-changes.js';
import type { Ticket } from '../../domain/ticket.js';
import type { Actor } from '../../domain/timeline.js';
import type { Sql } from '../../store/db.js';
import type { IdempotencyClaim } from '../../store/idempotency.js';
import { findTicket, findTimelineEntry } from '../../store/tickets.js';
import type { Deps } from '../deps.js';
import { once } from '../idempotency.js';
import { loadVisibleTicket } from '../ticket-access.js';
import { writeReply } from '../tickets/add-reply.js';
import { applyTicketChanges } from '../tickets/apply-changes.js';
import { toTimelineView, type TimelineEntryView } from '../tickets/timeline-view.js';
import { composeMacroReply } from './render-macro.js';
import { loadVisibleMacro } from './macro-rules.js';

export interface ApplyMacroInput {
  /** The reply as the agent edited it; undefined sends the macro's own text; '' (or blank) sends no reply. */
  body?: string;
  /** Changes of the macro the agent took off before sending. */
  omitActions?: readonly MacroActionType[];
  idempotency?: IdempotencyClaim;
}

export interface ApplyMacroResult {
  ticket: Ticket;
  /** The public reply, or null when only fields changed. */
  entry: TimelineEntryView | null;
  /** Whether any field changed (a change the ticket already had changes nothing). */
  changed: boolean;
  replayed: boolean;
}

/**
 * Applies a macro in one transaction: the public reply (as any agent reply: first response, mail to the
 * requester) and the macro's field changes, every entry saying which macro wrote it. Either all of it happens or
 * nothing does (a change the lifecycle refuses rolls the reply back too).
 */
export async function applyMacro(deps: Deps, p: Principal, ticketRef: string, macroId: string, input: ApplyMacroInput): Promise<ApplyMacroResult> {
  const agent = requireAgent(p, 'agent', 'tickets:write');
  const actor: Actor = { kind: 'agent', id: agent.id };
  const result = await deps.db.tx(async (sql) => {
    const now = deps.clock.now();
    const done = await once(sql, input.idempotency, now, async () => {
      const ticket = await loadVisibleTicket(sql, agent, ticketRef, true);
      assertTicketWritable(ticket);
      const macro = await loadVisibleMacro(sql, agent, macroId);
      const omit = new Set(input.omitActions ?? []);
      const actions = macro.actions.filter((a) => !omit.has(a.type));
      const body = input.body ?? (await composeMacroReply(sql, deps, ticket, macro, agent.id)).body;
      if (!body.trim() && actions.length === 0) {
        throw new DomainError('VALIDATION_FAILED', 'Nothing to apply: no reply text and no change.', [{ path: 'body', message: 'empty' }]);
      }
      const source = { kind: 'macro', id: macro.id, name: macro.name };
      const reason = `macro «${macro.name}»`;
      let current = ticket;
      let entry: TimelineEntryView | null = null;
      if (body.trim()) {
        const reply = await writeReply(sql, deps, agent, actor, ticket.id, body, [], now, { reason, data: { source } });
        current = reply.ticket;
        entry = reply.entry;
      }
      const applied = await applyTicketChanges(sql, deps, current, macroChangeRequest(current, actions), { actor, reason, source });
      const value = { ticket: applied.ticket, entry, changed: applied.changed };
      return { value, resourceId: `${ticket.id}/${entry?.id ?? ''}/${applied.changed ? 1 : 0}` };
    }, (resourceId) => replayApply(sql, resourceId));
    return { ...done.value, replayed: done.replayed };
  });
  if (!result.replayed) {
    deps.onCommitted?.([result.ticket.id]);
    deps.mail?.wakeOutbound();
  }
  return result;
}

/** What a first request with the same key did: the ticket as it is now, and its reply if it sent one. */
async function replayApply(sql: Sql, resourceId: string): Promise<Omit<ApplyMacroResult, 'replayed'> | null> {
  const [ticketId, entryId, changed] = resourceId.split('/');
  const ticket = ticketId ? await findTicket(sql, { id: ticketId }) : undefined;
  if (!ticket) return null;
  const row = entryId ? await findTimelineEntry(sql, entryId) : undefined;
  return { ticket, entry: row ? toTimelineView(row) : null, changed: changed === '1' };
}
