import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

/**
 * Files named by the SHA-256 of their content (attachments, raw inbound messages), under one directory:
 * `ab/cd/abcd…`. The same bytes are stored once however many messages carry them. A write goes to a temporary
 * file, is fsynced, then renamed into place (and the directory fsynced), so a file under its final name is
 * always complete and durable: a process killed mid-write leaves only a temporary file, removed on the next
 * start. Nothing here decides who may read a file: the API checks that before opening one.
 */
export class BlobStore {
  constructor(readonly dir: string) {}

  static sha256(content: Buffer): string {
    return createHash('sha256').update(content).digest('hex');
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Creates the directory and removes temporary files a killed process left behind. */
  async init(): Promise<void> {
    await fsp.mkdir(path.join(this.dir, 'tmp'), { recursive: true });
    for (const name of await fsp.readdir(path.join(this.dir, 'tmp'))) {
      await fsp.rm(path.join(this.dir, 'tmp', name), { force: true });
    }
  }

  /** Stores the bytes (once) and returns their hash; resolves only when they are durable. */
  async put(content: Buffer, knownSha256?: string): Promise<{ sha256: string; size: number }> {
    const sha256 = knownSha256 ?? BlobStore.sha256(content);
    const target = this.pathOf(sha256);
    if (await exists(target)) return { sha256, size: content.length };
    const tmpDir = path.join(this.dir, 'tmp');
    await fsp.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${sha256}.${randomBytes(6).toString('hex')}`);
    const handle = await fsp.open(tmp, 'w', 0o640);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.rename(tmp, target);
    await syncDir(path.dirname(target));
    return { sha256, size: content.length };
  }

  async has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256));
  }

  async read(sha256: string): Promise<Buffer> {
    return fsp.readFile(this.pathOf(sha256));
  }

  stream(sha256: string): fs.ReadStream {
    return fs.createReadStream(this.pathOf(sha256));
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fsp.access(file);
    return true;
  } catch {
    return false;
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic there.
  } finally {
    await handle.close();
  }
}
