import { DomainError } from '../domain/errors.js';
import type { Sql } from '../store/db.js';
import { claimIdempotency, completeIdempotency, type IdempotencyClaim } from '../store/idempotency.js';

export interface Once<T> {
  value: T;
  /** True when an earlier request with the same Idempotency-Key had already done it. */
  replayed: boolean;
}

/**
 * Does `create` once per Idempotency-Key, inside the caller's transaction, so the key and what it created
 * commit together: a retried request gets what the first one created (`replay`), never a second one. The same
 * key with another request is refused; a concurrent duplicate waits on the key's row until the first commits.
 */
export async function once<T>(
  sql: Sql,
  claim: IdempotencyClaim | undefined,
  now: Date,
  create: () => Promise<{ value: T; resourceId: string }>,
  replay: (resourceId: string) => Promise<T | null>,
): Promise<Once<T>> {
  if (!claim) return { value: (await create()).value, replayed: false };
  const earlier = await claimIdempotency(sql, claim, now);
  if (earlier) {
    if (earlier.requestHash !== claim.requestHash || earlier.route !== claim.route) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request.');
    }
    const value = earlier.resourceId ? await replay(earlier.resourceId) : null;
    if (value === null) throw new DomainError('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is in progress.');
    return { value, replayed: true };
  }
  const { value, resourceId } = await create();
  await completeIdempotency(sql, claim, resourceId, 201);
  return { value, replayed: false };
}
