import * as m0001 from './0001-initial.js';
import * as m0002 from './0002-views-and-events.js';
import * as m0003 from './0003-email.js';
import * as m0004 from './0004-sla-automation.js';
import * as m0005 from './0005-routing.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration in order. Append new ones; never edit one that has been applied. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: m0001.sql },
  { version: 2, name: 'views-and-events', sql: m0002.sql },
  { version: 3, name: 'email', sql: m0003.sql },
  { version: 4, name: 'sla-automation', sql: m0004.sql },
  { version: 5, name: 'routing', sql: m0005.sql },
];
