import { DomainError } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { insertAudit } from '../../store/audit.js';
import type { Sql } from '../../store/db.js';
import { organizationExists } from '../../store/lookups.js';
import {
  deleteIdentity, findIdentityOwner, insertIdentity, listIdentities, lockRequester, normalizeIdentity,
  setPrimaryIdentity, updateRequester,
} from '../../store/requesters.js';
import type { Deps } from '../deps.js';
import { loadRequesterDetail, type RequesterDetail } from './get-requester.js';
import { assertPhoneAcceptable, normalizeTimeZone, type Language } from './rules.js';

export interface NewIdentity {
  kind: 'email' | 'phone';
  value: string;
  /** Makes it the requester's preferred address (or number) of its kind. */
  primary?: boolean;
}

export interface UpdateRequesterInput {
  name?: string;
  organizationId?: string | null;
  language?: Language;
  timeZone?: string;
  addIdentities?: NewIdentity[];
  removeIdentityIds?: string[];
}

/**
 * Edits a requester (agents only). Identities are added and removed in the same change; the requester always
 * keeps at least one, and each kind keeps one primary (the oldest remaining one when the primary is removed).
 */
export async function updateRequesterProfile(
  deps: Deps,
  p: Principal,
  id: string,
  input: UpdateRequesterInput,
): Promise<RequesterDetail> {
  const agent = requireAgent(p, 'agent', 'directory:write');
  const timeZone = input.timeZone === undefined ? undefined : normalizeTimeZone(input.timeZone);
  (input.addIdentities ?? []).forEach((i, n) => {
    if (i.kind === 'phone') assertPhoneAcceptable(i.value, `add_identities.${n}.value`);
  });
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    if (!(await lockRequester(sql, id))) throw new DomainError('REQUESTER_NOT_FOUND', 'No such requester.');
    if (input.organizationId && !(await organizationExists(sql, input.organizationId))) {
      throw new DomainError('ORGANIZATION_NOT_FOUND', 'No such organization.', [
        { path: 'organization_id', message: 'unknown organization' },
      ]);
    }
    await updateRequester(sql, id, { name: input.name, organizationId: input.organizationId, language: input.language, timeZone }, now);
    const changed = await changeIdentities(sql, deps, id, input, now);
    if (changed.added.length || changed.removed.length) {
      await insertAudit(sql, {
        id: deps.newId(), at: now, actorKind: 'agent', actorId: agent.id, action: 'requester.identities_changed',
        targetKind: 'requester', targetId: id, data: changed,
      });
    }
    return loadRequesterDetail(sql, id);
  });
}

async function changeIdentities(sql: Sql, deps: Deps, requesterId: string, input: UpdateRequesterInput, now: Date) {
  const before = await listIdentities(sql, [requesterId]);
  const removed: string[] = [];
  for (const [n, identityId] of (input.removeIdentityIds ?? []).entries()) {
    const found = before.find((i) => i.id === identityId);
    if (!found) {
      throw new DomainError('VALIDATION_FAILED', 'This identity does not belong to the requester.', [
        { path: `remove_identity_ids.${n}`, message: 'not an identity of this requester' },
      ]);
    }
    await deleteIdentity(sql, requesterId, identityId);
    removed.push(`${found.kind}:${found.value}`);
  }
  const added: string[] = [];
  for (const [n, ident] of (input.addIdentities ?? []).entries()) {
    const value = normalizeIdentity(ident.kind, ident.value);
    const owner = await findIdentityOwner(sql, ident.kind, value);
    if (owner && owner !== requesterId) {
      throw new DomainError(ident.kind === 'email' ? 'EMAIL_TAKEN' : 'CONFLICT', `${value} belongs to another requester.`, [
        { path: `add_identities.${n}.value`, message: 'already used' },
      ]);
    }
    let identityId = (await listIdentities(sql, [requesterId])).find((i) => i.kind === ident.kind && i.value === value)?.id;
    if (!identityId) {
      identityId = deps.newId();
      await insertIdentity(sql, { id: identityId, requesterId, kind: ident.kind, value, isPrimary: false, createdAt: now });
      added.push(`${ident.kind}:${value}`);
    }
    if (ident.primary) await setPrimaryIdentity(sql, requesterId, identityId);
  }
  const after = await listIdentities(sql, [requesterId]);
  if (after.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'A requester keeps at least one email address or phone number.', [
      { path: 'remove_identity_ids', message: 'would remove every identity' },
    ]);
  }
  for (const kind of ['email', 'phone'] as const) {
    const ofKind = after.filter((i) => i.kind === kind);
    if (ofKind.length && !ofKind.some((i) => i.is_primary)) await setPrimaryIdentity(sql, requesterId, ofKind[0]!.id);
  }
  return { added, removed };
}
