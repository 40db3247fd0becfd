import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret for cookies, CSRF tokens and API tokens (URL-safe). */
export const newSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Only this hash of a session or token secret is stored, so a database leak reveals no usable secret. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** API tokens look like `rls_<random>`; the prefix tells secret scanners and people what they are. */
export const API_TOKEN_PREFIX = 'rls_';
export const newApiToken = (): string => `${API_TOKEN_PREFIX}${newSecret(32)}`;
