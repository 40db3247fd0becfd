import { DomainError } from '../../domain/errors.js';
import { findAgent } from '../../store/agents.js';
import { findRequesterById } from '../../store/requesters.js';
import type { Deps } from '../deps.js';

export interface CurrentUser {
  kind: 'agent' | 'requester';
  id: string;
  name: string;
  role: string | null;
  language: string;
  timeZone: string;
  /** The agent's teams, read now (a session's principal may predate a change); [] for requesters. */
  teamIds: string[];
}

/** The signed-in person, as the web app shows them. */
export async function currentUser(deps: Deps, who: { kind: 'agent' | 'requester'; id: string }): Promise<CurrentUser> {
  if (who.kind === 'agent') {
    const a = await findAgent(deps.db, who.id);
    if (!a?.active) throw new DomainError('UNAUTHENTICATED', 'Your account no longer exists.');
    return { kind: 'agent', id: a.id, name: a.name, role: a.role, language: a.language, timeZone: a.time_zone, teamIds: a.team_ids };
  }
  const r = await findRequesterById(deps.db, who.id);
  if (!r) throw new DomainError('UNAUTHENTICATED', 'Your account no longer exists.');
  return { kind: 'requester', id: r.id, name: r.name, role: null, language: r.language, timeZone: r.time_zone, teamIds: [] };
}
