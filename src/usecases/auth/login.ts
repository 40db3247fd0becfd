import { DomainError } from '../../domain/errors.js';
import { verifyPassword } from '../../security/passwords.js';
import { hashSecret, newSecret } from '../../security/secrets.js';
import { insertAudit } from '../../store/audit.js';
import { deleteSession, findAgentAuthByEmail, findRequesterAuthByEmail, insertSession } from '../../store/auth.js';
import { clearAttempts, getAttempts, recordFailure } from '../../store/login-attempts.js';
import type { Deps } from '../deps.js';

/** Sign-in throttling: 5 failures for one address, or 30 from one IP, within 15 minutes lock for 15 minutes. */
export const THROTTLE = { windowMs: 15 * 60_000, lockMs: 15 * 60_000, perEmail: 5, perIp: 30 };

export interface LoginInput {
  email: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  sessionTtlHours: number;
}

export interface LoginResult {
  /** The cookie value; only its hash is stored. */
  sessionSecret: string;
  csrfToken: string;
  expiresAt: Date;
  principal: { kind: 'agent' | 'requester'; id: string; name: string; role: string | null; language: string };
}

/**
 * Signs in an agent or a requester (agents are looked up first). Every outcome is written to the audit log;
 * a wrong address and a wrong password give the same answer.
 */
export async function login(deps: Deps, input: LoginInput): Promise<LoginResult> {
  const now = deps.clock.now();
  const email = input.email.trim().toLowerCase();
  const keys = [`email:${email}`, ...(input.ip ? [`ip:${input.ip}`] : [])];
  const locked = (await getAttempts(deps.db, keys)).find((a) => a.locked_until && a.locked_until > now);
  if (locked) {
    await audit(deps, now, null, 'auth.login_throttled', input.ip, { email });
    const retryAfter = Math.ceil((locked.locked_until!.getTime() - now.getTime()) / 1000);
    throw new DomainError('TOO_MANY_ATTEMPTS', 'Too many failed sign-ins. Try again later.', { retry_after_seconds: retryAfter });
  }

  const agent = await findAgentAuthByEmail(deps.db, email);
  const requester = agent ? undefined : await findRequesterAuthByEmail(deps.db, email);
  const hash = agent ? agent.password_hash : (requester?.password_hash ?? null);
  const ok = (await verifyPassword(input.password, hash)) && (agent ? agent.active : requester !== undefined);
  if (!ok) {
    await deps.db.tx(async (sql) => {
      await recordFailure(sql, keys[0]!, now, THROTTLE.windowMs, THROTTLE.perEmail, THROTTLE.lockMs);
      if (keys[1]) await recordFailure(sql, keys[1], now, THROTTLE.windowMs, THROTTLE.perIp, THROTTLE.lockMs);
    });
    await audit(deps, now, null, 'auth.login_failed', input.ip, { email });
    throw new DomainError('INVALID_CREDENTIALS', 'Wrong email address or password.');
  }

  const kind = agent ? 'agent' : 'requester';
  const who = (agent ?? requester)!;
  const sessionSecret = newSecret();
  const csrfToken = newSecret(24);
  const expiresAt = new Date(now.getTime() + input.sessionTtlHours * 3600_000);
  await deps.db.tx(async (sql) => {
    await clearAttempts(sql, keys[0]!);
    await insertSession(sql, {
      id: hashSecret(sessionSecret),
      principal_kind: kind,
      principal_id: who.id,
      csrf_token: csrfToken,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 500) ?? null,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
    });
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: kind, actorId: who.id, action: 'auth.login_succeeded', ip: input.ip,
    });
  });
  return {
    sessionSecret,
    csrfToken,
    expiresAt,
    principal: { kind, id: who.id, name: who.name, role: agent ? agent.role : null, language: who.language },
  };
}

export async function logout(deps: Deps, sessionId: string, actor: { kind: 'agent' | 'requester'; id: string }, ip: string | null) {
  const now = deps.clock.now();
  await deps.db.tx(async (sql) => {
    await deleteSession(sql, sessionId);
    await insertAudit(sql, { id: deps.newId(), at: now, actorKind: actor.kind, actorId: actor.id, action: 'auth.logout', ip });
  });
}

async function audit(deps: Deps, at: Date, actorId: string | null, action: string, ip: string | null, data: Record<string, unknown>) {
  await insertAudit(deps.db, { id: deps.newId(), at, actorKind: null, actorId, action, ip, data });
}
