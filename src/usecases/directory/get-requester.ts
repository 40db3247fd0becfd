import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import type { Sql } from '../../store/db.js';
import { findRequesterWithOrg, listIdentities, type IdentityRow, type RequesterListRow } from '../../store/requesters.js';
import type { Deps } from '../deps.js';

export interface RequesterDetail {
  requester: RequesterListRow;
  identities: IdentityRow[];
}

/** A requester with identities and organization name, or REQUESTER_NOT_FOUND. */
export async function loadRequesterDetail(sql: Sql, id: string): Promise<RequesterDetail> {
  const requester = await findRequesterWithOrg(sql, id);
  if (!requester) throw new DomainError('REQUESTER_NOT_FOUND', 'No such requester.');
  return { requester, identities: await listIdentities(sql, [id]) };
}

/**
 * Agents read any requester; a requester reads only themself. Another requester's id answers
 * REQUESTER_NOT_FOUND, like a missing one, so that ids cannot be probed.
 */
export async function getRequester(deps: Deps, p: Principal, id: string): Promise<RequesterDetail> {
  if (p.kind === 'requester') {
    if (p.id !== id) throw new DomainError('REQUESTER_NOT_FOUND', 'No such requester.');
  } else {
    requireAgent(p, 'agent', 'directory:read');
  }
  return loadRequesterDetail(deps.db, id);
}
