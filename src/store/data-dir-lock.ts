import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {}

export interface DataDirLock {
  release(): Promise<void>;
}

const infoFile = (dataDir: string) => path.join(dataDir, 'relais.pid');

/**
 * Takes an exclusive lock on the embedded data directory for the life of this process. The lock is a listening
 * socket: the kernel drops it when the process dies, even by `kill -9`, so a crash never leaves a stale lock.
 * On Linux an abstract socket is used (nothing on disk); elsewhere a socket file whose liveness is probed.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  fs.mkdirSync(dataDir, { recursive: true });
  const real = fs.realpathSync(dataDir);
  const id = createHash('sha256').update(real).digest('hex').slice(0, 24);
  const abstract = process.platform === 'linux';
  const address = abstract ? `\0relais-lock-${id}` : path.join(os.tmpdir(), `relais-lock-${id}.sock`);

  const server = net.createServer((s) => s.destroy());
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(address, () => {
        server.off('error', reject);
        resolve();
      });
    });

  try {
    await listen();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    if (abstract || (await isAlive(address))) throw lockedError(real);
    fs.rmSync(address, { force: true }); // a stale socket file from a crashed process
    try {
      await listen();
    } catch {
      throw lockedError(real);
    }
  }
  server.unref();
  fs.writeFileSync(infoFile(real), `${process.pid}\n`);
  return {
    release: async () => {
      fs.rmSync(infoFile(real), { force: true });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function lockedError(dir: string): DataDirLockedError {
  let pid = 'unknown';
  try {
    pid = fs.readFileSync(infoFile(dir), 'utf8').trim() || pid;
  } catch {
    /* the holder may not have written it yet */
  }
  return new DataDirLockedError(
    `Another Relais process (pid ${pid}) is using the data directory ${dir}. ` +
      'Stop it first, or set RELAIS_DATA_DIR to another directory.',
  );
}

function isAlive(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(address);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
