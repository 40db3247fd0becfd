import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../store/db.js';
import type { MailContext } from './email/context.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Called after a transaction that wrote timeline entries has committed (realtime, notifications…). */
export type CommittedListener = (ticketIds: readonly string[]) => void;

/** What every use case receives: the database, the time and id sources. Wired in main.ts. */
export interface Deps {
  db: Database;
  clock: Clock;
  newId(): string;
  onCommitted?: CommittedListener;
  /** The e-mail channel (set by buildApp): without it nothing is queued for sending. */
  mail?: MailContext;
}

export function makeDeps(db: Database, overrides: Partial<Omit<Deps, 'db'>> = {}): Deps {
  return { db, clock: systemClock, newId: uuidv7, ...overrides };
}
