import type { Principal } from '../../domain/principal.js';
import { hashSecret } from '../../security/secrets.js';
import { findActiveToken, findSessionAuth, touchSession, touchToken } from '../../store/auth.js';
import type { Deps } from '../deps.js';

/** Last-seen times are written at most this often, so reads stay reads. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionPrincipal {
  principal: Principal;
  sessionId: string;
  csrfToken: string;
}

/** Resolves a session cookie value to its principal, or null (expired, unknown, or account disabled). */
export async function principalFromSession(deps: Deps, cookieValue: string): Promise<SessionPrincipal | null> {
  const now = deps.clock.now();
  const id = hashSecret(cookieValue);
  const s = await findSessionAuth(deps.db, id, now);
  if (!s) return null;
  let principal: Principal | null = null;
  if (s.principal_kind === 'agent' && s.agent_active && s.agent_role) {
    principal = { kind: 'agent', id: s.principal_id, role: s.agent_role, teamIds: s.agent_team_ids, scopes: null, via: 'session' };
  } else if (s.principal_kind === 'requester' && s.requester_exists) {
    principal = {
      kind: 'requester',
      id: s.principal_id,
      organizationId: s.requester_organization_id,
      seesOrganizationTickets: s.requester_sees_org_tickets,
      via: 'session',
    };
  }
  if (!principal) return null;
  if (now.getTime() - s.last_seen_at.getTime() > TOUCH_EVERY_MS) await touchSession(deps.db, id, now);
  return { principal, sessionId: id, csrfToken: s.csrf_token };
}

/** Resolves an API token (Authorization: Bearer …) to the agent it acts as, narrowed to its scopes. */
export async function principalFromToken(deps: Deps, token: string): Promise<Principal | null> {
  const now = deps.clock.now();
  const t = await findActiveToken(deps.db, hashSecret(token), now);
  if (!t?.active) return null;
  if (!t.last_used_at || now.getTime() - t.last_used_at.getTime() > TOUCH_EVERY_MS) await touchToken(deps.db, t.id, now);
  return { kind: 'agent', id: t.agent_id, role: t.role, teamIds: t.team_ids, scopes: t.scopes, via: 'token' };
}
