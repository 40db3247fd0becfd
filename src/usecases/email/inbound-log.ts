import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { findInbound, listInbound, requeueInbound, type InboundListRow, type InboundRow, type InboundStatus } from '../../store/email.js';
import { insertAudit } from '../../store/audit.js';
import type { Deps } from '../deps.js';

/**
 * Every message the channel received, whatever became of it: the place to check why a mail did not open a ticket
 * (an auto-reply, a loop stopped by the rate limit, our own address, a bounce matching nothing) or failed to be
 * filed. Managers and administrators; the raw message only to administrators (it may hold anything).
 */
export async function listInboundMail(
  deps: Deps,
  p: Principal,
  q: { status: InboundStatus | null; limit: number; before: { at: Date; id: string } | null },
): Promise<InboundListRow[]> {
  requireAgent(p, 'manager', 'tickets:read');
  return listInbound(deps.db, q);
}

export async function rawInboundMail(deps: Deps, p: Principal, id: string): Promise<{ row: InboundRow; raw: Buffer }> {
  requireAgent(p, 'admin', 'admin');
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await findInbound(deps.db, id) : undefined;
  if (!row || !deps.mail) throw new DomainError('NOT_FOUND', 'No such inbound message.');
  return { row, raw: await deps.mail.blobs.read(row.raw_sha256) };
}

/** An administrator sends a failed message through the pipeline again (e.g. after an upgrade fixed the cause). */
export async function retryInboundMail(deps: Deps, p: Principal, id: string): Promise<void> {
  const admin = requireAgent(p, 'admin', 'admin');
  const ok = /^[0-9a-f-]{36}$/i.test(id) && (await requeueInbound(deps.db, id));
  if (!ok) throw new DomainError('CONFLICT', 'Only a message that failed can be retried.');
  await insertAudit(deps.db, {
    id: deps.newId(), action: 'email.inbound_retried', actorKind: 'agent', actorId: admin.id, targetKind: 'inbound_message', targetId: id, at: deps.clock.now(),
  });
  deps.mail?.wakeInbound();
}
