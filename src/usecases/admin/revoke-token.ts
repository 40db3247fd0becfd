import { DomainError } from '../../domain/errors.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import { findToken, revokeToken as markRevoked } from '../../store/tokens.js';
import type { Deps } from '../deps.js';
import { managesAllTokens, requireTokenManager } from './issue-token.js';

/**
 * Revokes an API token: the caller's own, or any for an administrator. Someone else's token answers
 * TOKEN_NOT_FOUND, like a missing one. Revoking twice is harmless and audited once.
 */
export async function revokeToken(deps: Deps, p: Principal, id: string, ip: string | null): Promise<void> {
  const agent = requireTokenManager(p);
  const now = deps.clock.now();
  await deps.db.tx(async (sql) => {
    const token = await findToken(sql, id);
    if (!token || (token.agent_id !== agent.id && !managesAllTokens(agent))) {
      throw new DomainError('TOKEN_NOT_FOUND', 'No such API token.');
    }
    if (token.revoked_at) return;
    await markRevoked(sql, id, now);
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: agent.id, action: 'token.revoked', targetKind: 'api_token',
      targetId: id, ip, data: { name: token.name, owner_id: token.agent_id },
    });
  });
}
