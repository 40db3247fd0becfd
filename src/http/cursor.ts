import { DomainError } from '../domain/errors.js';

/** Opaque page cursors: base64url JSON of the last row's sort value and id, bound to the sort they came from. */
export function encodeCursor(sort: string, last: [string | number, string]): string {
  return Buffer.from(JSON.stringify([sort, ...last])).toString('base64url');
}

export function decodeCursor(sort: string, cursor: string): [string | number, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) && v.length === 3 && v[0] === sort &&
      (typeof v[1] === 'string' || typeof v[1] === 'number') && typeof v[2] === 'string' &&
      /^[0-9a-f-]{36}$/i.test(v[2])
    ) {
      return [v[1], v[2]];
    }
  } catch {
    /* fall through */
  }
  throw new DomainError('VALIDATION_FAILED', 'The cursor is not valid for this listing.', [
    { path: 'query.cursor', message: 'invalid cursor (it belongs to another sort, or was altered)' },
  ]);
}
