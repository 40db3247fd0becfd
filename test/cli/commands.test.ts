/**
 * The `relais` command line as people run it (from source, as a child process): help texts, and a backup and
 * restore between two embedded data directories with the exit codes and messages a script relies on.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../support/harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function relais(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('relais command line', () => {
  it('lists backup, restore and seed-demo, each with its own help', () => {
    const help = relais(['--help']);
    expect(help.code).toBe(0);
    for (const c of ['backup', 'restore', 'seed-demo']) expect(help.out).toMatch(new RegExp(`^\\s+${c}\\b`, 'm'));
    const restore = relais(['restore', '--help']);
    expect(restore.out).toMatch(/must be empty/);
    expect(restore.out).toMatch(/same schema version/);
  }, 60_000);

  // The CLI's embedded data directories; the engine-to-engine moves are in backup-restore.test.ts.
  it.skipIf(testEngine() === 'postgres')('backs up one data directory and restores it into another, refusing to overwrite data', () => {
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    const file = path.join(dir, 'relais.ndjson.gz');
    expect(relais(['create-admin', '--email', 'admin@cli.test', '--password', 'cli-password-1'], { RELAIS_DATA_DIR: a }).code).toBe(0);

    const backup = relais(['backup', file], { RELAIS_DATA_DIR: a });
    expect(backup.out).toMatch(/Backup of the embedded database in .* written to .*relais\.ndjson\.gz: \d+ rows in \d+ tables/);
    expect(backup.code).toBe(0);
    const again = relais(['backup', file], { RELAIS_DATA_DIR: a });
    expect(again.code).toBe(2);
    expect(again.out).toMatch(/already exists; choose another file name/);

    const restore = relais(['restore', file], { RELAIS_DATA_DIR: b });
    expect(restore.out).toMatch(/Restored \d+ rows in \d+ tables and \d+ sequences into the embedded database/);
    expect(restore.code).toBe(0);
    const twice = relais(['restore', file], { RELAIS_DATA_DIR: b });
    expect(twice.code).toBe(2);
    expect(twice.out).toMatch(/relais: The target database is not empty \(data in: .*agents/);

    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a backup');
    const foreign = relais(['restore', path.join(dir, 'notes.txt')], { RELAIS_DATA_DIR: path.join(dir, 'c') });
    expect(foreign.code).toBe(2);
    expect(foreign.out).toMatch(/is not a Relais backup \(not gzip-compressed\)/);
  }, 240_000);
});
