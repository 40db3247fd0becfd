import type { Deps } from '../usecases/deps.js';
import { Hub, type HubOptions } from './hub.js';
import { PRESENCE_CHANNEL, TICKET_EVENTS_CHANNEL } from './presence-bus.js';
import { PgChannel } from './pg-channel.js';

interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface Realtime {
  hub: Hub;
  /** Which source feeds the hub: PostgreSQL notifications, or this process's use cases after commit. */
  feed: 'notifications' | 'committed';
  close(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Starts the hub and connects it to exactly one source of committed changes, so no change is announced twice:
 * - PostgreSQL server (`databaseUrl`): the `relais_ticket_events` notifications of migration 0002's trigger,
 *   which also carry changes made by other processes (several web servers, workers, imports); presence travels
 *   between processes on `relais_presence`.
 * - embedded engine: one process owns the data directory (it is locked), so every change goes through this
 *   process's use cases, which call `deps.onCommitted` after commit. A PostgreSQL database opened without a
 *   URL in the configuration (tests that open it themselves) is served the same way, as a single process.
 */
export async function startRealtime(deps: Deps, databaseUrl: string | null, log: Log, options: Partial<HubOptions> = {}): Promise<Realtime> {
  const hub = new Hub(deps.db, log, options);
  if (deps.db.engine === 'postgres' && databaseUrl) {
    const channel = new PgChannel({
      url: databaseUrl,
      channels: [TICKET_EVENTS_CHANNEL, PRESENCE_CHANNEL],
      log,
      onNotification(name, payload) {
        if (name === PRESENCE_CHANNEL) hub.remotePresence(payload);
        else if (UUID.test(payload)) hub.ticketsChanged([payload]);
      },
      onReconnected: () => hub.reannounce(),
    });
    hub.bus = { publish: (payload) => channel.notify(PRESENCE_CHANNEL, payload) };
    await channel.start();
    return {
      hub,
      feed: 'notifications',
      async close() {
        await hub.close();
        await channel.close();
      },
    };
  }
  if (deps.db.engine === 'postgres') {
    log.warn({}, 'realtime: PostgreSQL without DATABASE_URL in the configuration; only this process\'s changes are announced');
  }
  const previous = deps.onCommitted;
  deps.onCommitted = (ids) => {
    previous?.(ids);
    hub.ticketsChanged(ids);
  };
  return {
    hub,
    feed: 'committed',
    async close() {
      deps.onCommitted = previous;
      await hub.close();
    },
  };
}
