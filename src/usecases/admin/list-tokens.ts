import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { listTokens, type TokenRow } from '../../store/tokens.js';
import type { Deps } from '../deps.js';
import { managesAllTokens } from './issue-token.js';

/** The caller's API tokens (never their secrets); administrators may list every agent's with `all`. */
export async function listTokensFor(deps: Deps, p: Principal, input: { all: boolean }): Promise<TokenRow[]> {
  const agent = requireAgent(p, 'agent', 'directory:read');
  if (input.all && !managesAllTokens(agent)) throw new DomainError('FORBIDDEN', 'Only administrators list every token.');
  return listTokens(deps.db, input.all ? null : agent.id);
}
