import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Stored credentials (IMAP passwords) are encrypted with AES-256-GCM under the server's secret key, so a copy of
 * the database alone reveals none of them. Format: `v1:<key id>:<iv>:<tag>:<ciphertext>` (base64 parts); the
 * key id (a hash prefix of the key, not the key) lets a wrong key be named as such instead of a vague failure.
 */

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
export const KEY_FILE_NAME = 'secret.key';

/** A stored secret could not be read back (another key, or damaged). The message never contains the secret. */
export class CredentialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialError';
  }
}

export interface SecretKeySource {
  /** RELAIS_SECRET_KEY (base64 of 32 bytes), or null to use the key file. */
  secretKey: string | null;
  /** Where `secret.key` is kept when no key is configured. */
  dataDir: string;
}

/** Short, non-secret identifier of a key: tells which key encrypted a value. */
export const keyId = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 8);

function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) {
    throw new CredentialError(`${where} must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32); it decodes to ${key.length} bytes.`);
  }
  return key;
}

const fileKeys = new Map<string, Buffer>();

/**
 * The key that encrypts stored credentials: RELAIS_SECRET_KEY when set, otherwise `<dataDir>/secret.key`, created
 * on first use (32 random bytes, mode 0600). Creation is atomic (a complete file is linked into place), so two
 * processes starting together end up with the same key.
 */
export function resolveSecretKey(src: SecretKeySource): Buffer {
  if (src.secretKey) return decodeKey(src.secretKey, 'RELAIS_SECRET_KEY');
  const file = path.resolve(src.dataDir, KEY_FILE_NAME);
  const cached = fileKeys.get(file);
  if (cached) return cached;
  let key: Buffer;
  if (fs.existsSync(file)) {
    key = decodeKey(fs.readFileSync(file, 'utf8'), file);
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const fresh = randomBytes(KEY_BYTES);
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.writeSync(fd, `${fresh.toString('base64')}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    try {
      fs.linkSync(tmp, file);
      key = fresh;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      key = decodeKey(fs.readFileSync(file, 'utf8'), file); // another process won the race: use its key
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  fileKeys.set(file, key);
  return key;
}

/** Encrypts a short secret (a password) for storage. */
export function encryptSecret(plain: string, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, keyId(key), iv.toString('base64'), tag.toString('base64'), ct.toString('base64')].join(':');
}

/** Decrypts what `encryptSecret` produced; a CredentialError names the problem (never the secret). */
export function decryptSecret(stored: string, key: Buffer): string {
  const parts = stored.split(':');
  if (parts.length !== 5 || parts[0] !== VERSION) {
    throw new CredentialError('The stored credential is not in a format this version of Relais can read.');
  }
  const [, kid, ivB64, tagB64, ctB64] = parts as [string, string, string, string, string];
  if (kid !== keyId(key)) {
    throw new CredentialError(
      `The stored credential was encrypted with another secret key (key id ${kid}; the current key is ${keyId(key)}). ` +
        'Restore that RELAIS_SECRET_KEY (or secret.key file), or enter the password again.',
    );
  }
  const iv = Buffer.from(ivB64, 'base64');
  const tag = Buffer.from(tagB64, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== 16) throw new CredentialError('The stored credential is damaged.');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(ctB64, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new CredentialError('The stored credential is damaged (it does not authenticate with the current secret key).');
  }
}
