import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually } from '../email/support.js';
import { freePort } from './free-port.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `relais serve` from source on a PostgreSQL database, running the scheduler every second; resolves once it
 * listens. The caller kills it (keep the child in a set killed in afterAll).
 */
export async function serveProcess(databaseUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn',
      RELAIS_SCHEDULER_SECONDS: '1', RELAIS_MAINTENANCE_INTERVAL_MINUTES: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`relais serve exited:\n${out}`);
    return out.includes('Relais is running at');
  }, 90_000);
  return { child, port };
}
