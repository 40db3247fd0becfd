import type { Config } from '../config/config.js';
import { buildApp } from '../http/app.js';
import { startMaintenance } from '../jobs/maintenance.js';
import { ensureDefaults } from '../usecases/bootstrap.js';
import { makeDeps } from '../usecases/deps.js';
import { describeTarget, openConfigured } from './runtime.js';

export interface ServeOptions {
  /** Seed demo data on first start (empty database) and print the demo sign-ins. */
  demo: boolean;
}

export async function serve(config: Config, opts: ServeOptions): Promise<void> {
  const { db } = await openConfigured(config);
  const deps = makeDeps(db);
  if (opts.demo) {
    const { seedDemoIfEmpty } = await import('./seed-demo.js');
    await seedDemoIfEmpty(deps);
  }
  await ensureDefaults(deps);
  const app = await buildApp({ deps, config });
  const maintenance = startMaintenance(db, config.maintenanceIntervalMinutes, app.log);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    maintenance.stop();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const address = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  app.log.info({ address, database: describeTarget(config) }, 'Relais is listening');
  process.stdout.write(
    `\nRelais is running at ${address} (${describeTarget(config)}).\n` +
      `Agent console: ${address}/  Requester portal: ${address}/portal  API docs: ${address}/api/docs\n`,
  );
}
