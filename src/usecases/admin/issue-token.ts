import { DomainError } from '../../domain/errors.js';
import { hasScope, roleAtLeast } from '../../domain/permissions.js';
import type { AgentPrincipal, Principal, TokenScope } from '../../domain/principal.js';
import { hashSecret, newApiToken } from '../../security/secrets.js';
import { insertAudit } from '../../store/audit.js';
import { insertToken, type TokenRow } from '../../store/tokens.js';
import type { Deps } from '../deps.js';

export interface IssueTokenInput {
  name: string;
  scopes: TokenScope[];
  expiresAt?: Date | null;
}

export interface IssuedToken {
  token: TokenRow;
  /** The secret, shown once: only its hash is stored. */
  secret: string;
}

/**
 * Who may issue and revoke API tokens: an agent in a signed-in session, or through a token holding the admin
 * scope (automation run by administrators). A leaked narrower token cannot mint successors that outlive it.
 */
export function requireTokenManager(p: Principal): AgentPrincipal {
  if (p.kind !== 'agent') throw new DomainError('FORBIDDEN', 'Only agents have API tokens.');
  if (p.via === 'token' && !hasScope(p, 'admin')) {
    throw new DomainError('FORBIDDEN', 'Manage API tokens from a signed-in session.');
  }
  return p;
}

/** True when the caller may see and revoke every agent's tokens. */
export const managesAllTokens = (p: AgentPrincipal): boolean => roleAtLeast(p.role, 'admin') && hasScope(p, 'admin');

/** Issues an API token acting as the caller, narrowed to `scopes`; each scope must be one the caller holds. */
export async function issueToken(deps: Deps, p: Principal, input: IssueTokenInput, ip: string | null): Promise<IssuedToken> {
  const agent = requireTokenManager(p);
  const scopes = [...new Set(input.scopes)];
  const refused = scopes.filter((s) => !hasScope(agent, s));
  if (refused.length) {
    throw new DomainError('FORBIDDEN', `Your role cannot grant: ${refused.join(', ')}.`, refused.map((s) => ({ path: 'scopes', message: `not allowed: ${s}` })));
  }
  const now = deps.clock.now();
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
    throw new DomainError('VALIDATION_FAILED', 'The expiry date must be in the future.', [{ path: 'expires_at', message: 'in the past' }]);
  }
  const secret = newApiToken();
  const token = await deps.db.tx(async (sql) => {
    const row = await insertToken(sql, {
      id: deps.newId(), agent_id: agent.id, name: input.name, prefix: secret.slice(0, 12), token_hash: hashSecret(secret),
      scopes, created_at: now, expires_at: input.expiresAt ?? null,
    });
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: agent.id, action: 'token.issued', targetKind: 'api_token',
      targetId: row.id, ip, data: { name: row.name, scopes, expires_at: row.expires_at?.toISOString() ?? null },
    });
    return row;
  });
  return { token, secret };
}
