import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../test/support/free-port.js';

export interface RunningRelais {
  baseUrl: string;
  /** The demo requester who may use the portal (printed by `serve --demo`). */
  requesterEmail: string;
  stop(): Promise<void>;
}

/** `relais serve --demo` from the sources, on a free port and a fresh data directory (or the given database). */
export async function startRelais(databaseUrl: string | null): Promise<RunningRelais> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'relais-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', RELAIS_DATA_DIR: dataDir, LOG_LEVEL: 'warn',
    // The demo's support address: mail delivered in the journeys is addressed to it.
    RELAIS_SUPPORT_ADDRESSES: 'support@servicedesk.example' };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL; // the quick start: the embedded engine
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve', '--demo'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  await waitFor(child, () => output.includes('Relais is running at'), 180_000, () => output);
  const requester = /Requester \(.*?\)\s+(\S+@\S+)/.exec(output);
  if (!requester) throw new Error(`No demo requester in the output:\n${output}`);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requesterEmail: requester[1]!,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function waitFor(child: ChildProcess, ready: () => boolean, ms: number, out: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + ms;
    const timer = setInterval(() => {
      if (ready()) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null || Date.now() > deadline) {
        clearInterval(timer);
        child.kill('SIGKILL');
        reject(new Error(`Relais did not start (exit ${child.exitCode}):\n${out()}`));
      }
    }, 100);
  });
}
