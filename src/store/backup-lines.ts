import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, type Gunzip } from 'node:zlib';
import { BackupError } from './backup-catalog.js';

/** A header longer than this is not ours: stop before buffering a whole foreign file. */
const MAX_FIRST_LINE = 1024 * 1024;
/** One row is one line; ticket descriptions are bounded far below this. */
const MAX_LINE = 256 * 1024 * 1024;

/**
 * Reads a gzip'd NDJSON file one line at a time (constant memory), turning zlib and file-system errors into
 * messages a person can act on.
 */
export class BackupLines {
  lineNo = 0;
  private buffer = '';
  private ended = false;
  private readonly decoder = new StringDecoder('utf8');
  private readonly chunks: AsyncIterator<Buffer>;

  private constructor(
    private readonly file: string,
    private readonly gunzip: Gunzip,
    private readonly input: fs.ReadStream,
  ) {
    this.chunks = gunzip[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  static async open(file: string): Promise<BackupLines> {
    try {
      const stat = await fs.promises.stat(file);
      if (!stat.isFile()) throw new BackupError(`${file} is not a file.`);
    } catch (err) {
      if (err instanceof BackupError) throw err;
      throw new BackupError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`);
    }
    const input = fs.createReadStream(file);
    const gunzip = createGunzip();
    input.on('error', (err) => gunzip.destroy(err));
    input.pipe(gunzip);
    return new BackupLines(file, gunzip, input);
  }

  /** The next line, or null at the end of the file. */
  async next(): Promise<string | null> {
    for (;;) {
      const nl = this.buffer.indexOf('\n');
      if (nl >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        this.lineNo++;
        return line;
      }
      const limit = this.lineNo === 0 ? MAX_FIRST_LINE : MAX_LINE;
      if (this.buffer.length > limit) {
        throw new BackupError(this.lineNo === 0 ? `${this.file} is not a Relais backup.` : `The backup is damaged: line ${this.lineNo + 1} is too long.`);
      }
      if (this.ended) {
        if (!this.buffer) return null;
        const last = this.buffer;
        this.buffer = '';
        this.lineNo++;
        return last;
      }
      await this.read();
    }
  }

  private async read(): Promise<void> {
    let r: IteratorResult<Buffer>;
    try {
      r = await this.chunks.next();
    } catch (err) {
      throw this.explain(err as NodeJS.ErrnoException);
    }
    if (r.done) {
      this.ended = true;
      this.buffer += this.decoder.end();
    } else {
      this.buffer += this.decoder.write(r.value);
    }
  }

  private explain(err: NodeJS.ErrnoException): BackupError {
    if (err.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(err.message)) {
      return new BackupError(`The backup ${this.file} is truncated (it ends in the middle); nothing was restored.`);
    }
    if (err.code === 'Z_DATA_ERROR') {
      return new BackupError(
        this.lineNo === 0 && !this.buffer
          ? `${this.file} is not a Relais backup (not gzip-compressed).`
          : `The backup ${this.file} is damaged (${err.message}); nothing was restored.`,
      );
    }
    return new BackupError(`Cannot read ${this.file}: ${err.message}.`);
  }

  close(): void {
    this.input.destroy();
    this.gunzip.destroy();
  }
}
