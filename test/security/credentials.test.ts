import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CredentialError, decryptSecret, encryptSecret, resolveSecretKey } from '../../src/security/credentials.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-cred-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('credentials', () => {
  const key = randomBytes(32);

  it('round-trips a secret, with a fresh IV each time, and the stored form does not contain it', () => {
    const secret = 'pâsswörd with spaces & symbols:!';
    const a = encryptSecret(secret, key);
    const b = encryptSecret(secret, key);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1:[0-9a-f]{8}:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(a).not.toContain(secret);
    expect(a).not.toContain(Buffer.from(secret).toString('base64'));
    expect(decryptSecret(a, key)).toBe(secret);
    expect(decryptSecret(b, key)).toBe(secret);
    expect(decryptSecret(encryptSecret('', key), key)).toBe('');
  });

  it('refuses a wrong key with a clear message that never shows the secret', () => {
    const stored = encryptSecret('hunter2-secret', key);
    let err: unknown;
    try {
      decryptSecret(stored, randomBytes(32));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CredentialError);
    expect((err as Error).message).toMatch(/another secret key/);
    expect((err as Error).message).not.toContain('hunter2');
  });

  it('detects tampering and malformed values', () => {
    const stored = encryptSecret('hunter2-secret', key);
    const parts = stored.split(':');
    const ct = Buffer.from(parts[4]!, 'base64');
    ct[0] = ct[0]! ^ 1;
    const tampered = [...parts.slice(0, 4), ct.toString('base64')].join(':');
    expect(() => decryptSecret(tampered, key)).toThrow(/damaged/);
    expect(() => decryptSecret('hunter2-secret', key)).toThrow(CredentialError);
    expect(() => decryptSecret(`v2:${parts.slice(1).join(':')}`, key)).toThrow(/format/);
  });

  it('uses RELAIS_SECRET_KEY when set and rejects one of the wrong size', () => {
    const configured = randomBytes(32).toString('base64');
    const dir = tempDir();
    expect(resolveSecretKey({ secretKey: configured, dataDir: dir }).toString('base64')).toBe(configured);
    expect(fs.existsSync(path.join(dir, 'secret.key'))).toBe(false);
    expect(() => resolveSecretKey({ secretKey: randomBytes(16).toString('base64'), dataDir: dir })).toThrow(/32 bytes/);
  });

  it('creates the key file once, mode 0600, and reads the same key back', () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const k1 = resolveSecretKey({ secretKey: null, dataDir: dir });
    const file = path.join(dir, 'secret.key');
    expect(k1).toHaveLength(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64').equals(k1)).toBe(true);
    expect(resolveSecretKey({ secretKey: null, dataDir: dir }).equals(k1)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['secret.key']);
    // A value encrypted under the file's key reads back with it.
    expect(decryptSecret(encryptSecret('x', k1), resolveSecretKey({ secretKey: null, dataDir: dir }))).toBe('x');
  });

  it('rejects a damaged key file with its path in the message', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'secret.key'), 'not a key\n');
    expect(() => resolveSecretKey({ secretKey: null, dataDir: dir })).toThrow(/secret\.key must be 32 bytes/);
  });
});
