/** Command-line checks shared by the benchmarks: a bad value stops the run with exit code 2 and says why. */
import type { Engine } from '../src/store/db.js';

export function intArg(name: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} must be an integer from ${min} to ${max}`);
    process.exit(2);
  }
  return n;
}

/** `--engine embedded|postgres|both`. */
export function enginesArg(v: string): Engine[] {
  const engines: Engine[] = v === 'both' ? ['embedded', 'postgres'] : v === 'embedded' || v === 'postgres' ? [v] : [];
  if (engines.length === 0) {
    console.error('--engine must be embedded, postgres or both');
    process.exit(2);
  }
  return engines;
}
