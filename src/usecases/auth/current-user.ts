import { DomainError } from '../../domain/errors.js';
import type { Principal } from '../../domain/principal.js';
import { findAgentAuth, findRequesterAuth } from '../../store/auth.js';
import type { Deps } from '../deps.js';

export interface CurrentUser {
  kind: 'agent' | 'requester';
  id: string;
  name: string;
  role: string | null;
  language: string;
}

/** The signed-in person, as the web app shows them. */
export async function currentUser(deps: Deps, p: Principal): Promise<CurrentUser> {
  const who = p.kind === 'agent' ? await findAgentAuth(deps.db, p.id) : await findRequesterAuth(deps.db, p.id);
  if (!who) throw new DomainError('UNAUTHENTICATED', 'Your account no longer exists.');
  return { kind: p.kind, id: p.id, name: who.name, role: p.kind === 'agent' ? p.role : null, language: who.language };
}
