import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { hashPassword } from '../../security/passwords.js';
import { insertAudit } from '../../store/audit.js';
import type { Sql } from '../../store/db.js';
import { organizationExists } from '../../store/lookups.js';
import { findIdentityOwner, insertRequester, normalizeIdentity } from '../../store/requesters.js';
import type { Deps } from '../deps.js';
import { loadRequesterDetail, type RequesterDetail } from './get-requester.js';
import { assertPasswordAcceptable, assertPhoneAcceptable, normalizeTimeZone, type Language } from './rules.js';

export interface CreateRequesterInput {
  name: string;
  email: string;
  /** Lets the requester sign in to the portal; without it they are reached by email only. */
  password?: string;
  /** For internal callers only (demo data, imports): an already computed hash, used instead of `password`. */
  passwordHash?: string;
  phones?: string[];
  organizationId?: string | null;
  language?: Language;
  timeZone?: string;
}

/** Creates a requester (agents only). The email address becomes the primary identity. */
export async function createRequester(deps: Deps, p: Principal, input: CreateRequesterInput): Promise<RequesterDetail> {
  const agent = requireAgent(p, 'agent', 'directory:write');
  const timeZone = normalizeTimeZone(input.timeZone ?? 'Europe/Paris');
  const phones = uniquePhones(input.phones ?? []);
  if (input.password !== undefined) assertPasswordAcceptable(input.password);
  const passwordHash = input.passwordHash ?? (input.password === undefined ? null : await hashPassword(input.password));
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    await assertIdentitiesFree(sql, input.email, phones);
    if (input.organizationId && !(await organizationExists(sql, input.organizationId))) {
      throw new DomainError('ORGANIZATION_NOT_FOUND', 'No such organization.', [
        { path: 'organization_id', message: 'unknown organization' },
      ]);
    }
    const id = deps.newId();
    await insertRequester(
      sql,
      {
        id, name: input.name, organization_id: input.organizationId ?? null, language: input.language ?? 'fr',
        time_zone: timeZone, password_hash: passwordHash, created_at: now,
      },
      [
        { id: deps.newId(), kind: 'email', value: input.email, isPrimary: true },
        ...phones.map((value, i) => ({ id: deps.newId(), kind: 'phone' as const, value, isPrimary: i === 0 })),
      ],
    );
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: agent.id, action: 'requester.created',
      targetKind: 'requester', targetId: id, data: { portal_access: passwordHash !== null },
    });
    return loadRequesterDetail(sql, id);
  });
}

/** Validates phone numbers and drops duplicates that differ only in spacing. */
export function uniquePhones(phones: readonly string[], path = 'phones'): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  phones.forEach((ph, i) => {
    assertPhoneAcceptable(ph, `${path}.${i}`);
    const n = normalizeIdentity('phone', ph);
    if (!seen.has(n)) {
      seen.add(n);
      out.push(n);
    }
  });
  return out;
}

/** An address or number belongs to one requester only. */
async function assertIdentitiesFree(sql: Sql, email: string, phones: readonly string[]): Promise<void> {
  if (await findIdentityOwner(sql, 'email', email)) {
    throw new DomainError('EMAIL_TAKEN', 'A requester with this email address already exists.', [
      { path: 'email', message: 'already used' },
    ]);
  }
  for (const [i, phone] of phones.entries()) {
    if (await findIdentityOwner(sql, 'phone', phone)) {
      throw new DomainError('CONFLICT', `The phone number ${phone} belongs to another requester.`, [
        { path: `phones.${i}`, message: 'already used' },
      ]);
    }
  }
}
