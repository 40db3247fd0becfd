import { DomainError } from '../../domain/errors.js';
import { passwordProblem } from '../../security/passwords.js';

/** Languages of the interface and of notifications. */
export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Checks an IANA time zone name (Europe/Paris) with the runtime's own zone database and returns its canonical
 * spelling. Offsets such as +01:00 are refused: they ignore daylight saving time, so business hours drift.
 */
export function normalizeTimeZone(tz: string, path = 'time_zone'): string {
  const fail = (): never => {
    throw new DomainError('VALIDATION_FAILED', `Unknown time zone ${JSON.stringify(tz)}; use an IANA name such as Europe/Paris.`, [
      { path, message: 'unknown IANA time zone' },
    ]);
  };
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(tz)) return fail();
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return fail();
  }
  // Keep the name people chose (America/Montreal stays, though ICU resolves it to America/Toronto); only fix case.
  const lower = tz.toLowerCase();
  if (resolved.toLowerCase() === lower) return resolved;
  return ZONE_NAMES().find((z) => z.toLowerCase() === lower) ?? tz;
}

let zoneNames: readonly string[] | null = null;
const ZONE_NAMES = (): readonly string[] => (zoneNames ??= Intl.supportedValuesOf('timeZone'));

/** Throws VALIDATION_FAILED when a new password breaks the password rule. */
export function assertPasswordAcceptable(password: string, path = 'password'): void {
  const problem = passwordProblem(password);
  if (problem) throw new DomainError('VALIDATION_FAILED', `The password ${problem}.`, [{ path, message: problem }]);
}

/** Phone numbers keep + and digits; anything with fewer than 6 digits is not a number we can call back. */
export function assertPhoneAcceptable(value: string, path: string): void {
  const digits = value.replace(/[^\d]/g, '');
  if (digits.length < 6 || digits.length > 15 || /[^\d+\s().\-/]/.test(value)) {
    throw new DomainError('VALIDATION_FAILED', `${JSON.stringify(value)} is not a phone number.`, [
      { path, message: 'expected a phone number such as +33 1 23 45 67 89' },
    ]);
  }
}
