import { isIP } from 'node:net';
import { DomainError, type ErrorDetail } from '../../domain/errors.js';
import { requireAgent } from '../../domain/permissions.js';
import type { Principal } from '../../domain/principal.js';
import { decryptSecret, encryptSecret } from '../../security/credentials.js';
import { insertAudit } from '../../store/audit.js';
import {
  deleteMailbox, findMailbox, findMailboxByName, insertMailbox, listMailboxes, lockMailbox, updateMailbox,
  type AfterImport, type MailboxPatch, type MailboxRow, type MailboxTls,
} from '../../store/mailboxes.js';
import type { Deps } from '../deps.js';

/**
 * IMAP mailboxes the e-mail channel polls (administrators). The password is encrypted before it is stored and is
 * never handed back: views carry `hasPassword` only.
 */

export interface MailboxInput {
  name: string;
  host: string;
  port: number;
  tls: MailboxTls;
  username: string;
  password: string;
  folder: string;
  afterImport: AfterImport;
  moveTo: string | null;
  enabled: boolean;
}

/** A mailbox as shown: everything but the encrypted password. */
export type MailboxView = Omit<MailboxRow, 'password_enc'> & { has_password: boolean };

export const toMailboxView = ({ password_enc, ...rest }: MailboxRow): MailboxView => ({ ...rest, has_password: password_enc !== '' });

/** What the poller (and the connection test) needs to reach a mailbox; holds the password in clear. */
export interface MailboxConnection {
  host: string;
  port: number;
  tls: MailboxTls;
  username: string;
  password: string;
  folder: string;
  afterImport: AfterImport;
  moveTo: string | null;
}

export interface MailboxProbeResult {
  ok: boolean;
  /** Why it failed, in English (e.g. "Authentication failed …"); null when ok. */
  error: string | null;
  /** The server supports IDLE (new mail is seen at once); null when not connected. */
  idle: boolean | null;
  /** Messages in the folder; null when not opened. */
  messages: number | null;
}

export type MailboxProbe = (c: MailboxConnection) => Promise<MailboxProbeResult>;

/** The credentials key, asked for only once the caller is authorized (it may create the key file). */
export type SecretKeyProvider = () => Buffer;

const HOSTNAME = /^(?=.{1,253}\.?$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Checks a complete set of settings (after a patch is applied); every problem is reported at once. */
function validate(m: Omit<MailboxInput, 'password'>): void {
  const issues: ErrorDetail[] = [];
  if (!HOSTNAME.test(m.host) && isIP(m.host) === 0) issues.push({ path: 'host', message: 'must be a host name or an IP address' });
  if (!Number.isInteger(m.port) || m.port < 1 || m.port > 65535) issues.push({ path: 'port', message: 'must be between 1 and 65535' });
  if (m.name.trim() === '') issues.push({ path: 'name', message: 'required' });
  if (m.username === '' || CONTROL.test(m.username)) issues.push({ path: 'username', message: 'required, without control characters' });
  if (m.folder === '' || CONTROL.test(m.folder)) issues.push({ path: 'folder', message: 'required, without control characters' });
  if (m.afterImport === 'move') {
    if (!m.moveTo || CONTROL.test(m.moveTo)) {
      issues.push({ path: 'move_to', message: 'required when after_import is move: the folder imported messages go to' });
    } else if (m.moveTo === m.folder) {
      issues.push({ path: 'move_to', message: 'must differ from the polled folder' });
    }
  }
  if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', 'The mailbox settings are not valid.', issues);
}

const notFound = () => new DomainError('NOT_FOUND', 'No such mailbox.');

async function ensureNameFree(sql: Parameters<typeof findMailboxByName>[0], name: string, self: string | null) {
  const same = await findMailboxByName(sql, name);
  if (same && same.id !== self) {
    throw new DomainError('CONFLICT', 'A mailbox with this name already exists.', [{ path: 'name', message: 'already used' }]);
  }
}

export async function listMailboxesFor(deps: Deps, p: Principal): Promise<MailboxView[]> {
  requireAgent(p, 'admin', 'admin');
  return (await listMailboxes(deps.db)).map(toMailboxView);
}

/** Adds a mailbox to poll; the password is stored encrypted with `key`. */
export async function createMailbox(deps: Deps, p: Principal, input: MailboxInput, key: SecretKeyProvider): Promise<MailboxView> {
  const admin = requireAgent(p, 'admin', 'admin');
  const m = { ...input, name: input.name.trim(), moveTo: input.afterImport === 'move' ? input.moveTo : null };
  validate(m);
  const now = deps.clock.now();
  const view = await deps.db.tx(async (sql) => {
    await ensureNameFree(sql, m.name, null);
    const row = await insertMailbox(sql, {
      id: deps.newId(), name: m.name, host: m.host, port: m.port, tls: m.tls, username: m.username,
      passwordEnc: encryptSecret(m.password, key()), folder: m.folder, afterImport: m.afterImport, moveTo: m.moveTo,
      enabled: m.enabled, createdAt: now,
    });
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: admin.id, action: 'mailbox.created', targetKind: 'mailbox',
      targetId: row.id, data: { name: row.name, host: row.host, port: row.port, username: row.username, folder: row.folder },
    });
    return toMailboxView(row);
  });
  deps.mail?.mailboxesChanged();
  return view;
}

/**
 * Changes a mailbox. A new password replaces the old one; leaving it out keeps it. Pointing the mailbox at
 * another server, account or folder restarts its progress (UIDs belong to one folder).
 */
export async function updateMailboxSettings(
  deps: Deps, p: Principal, id: string, patch: Partial<MailboxInput>, key: SecretKeyProvider,
): Promise<MailboxView> {
  const admin = requireAgent(p, 'admin', 'admin');
  const now = deps.clock.now();
  const view = await deps.db.tx(async (sql) => {
    const cur = await lockMailbox(sql, id);
    if (!cur) throw notFound();
    const next = {
      name: patch.name?.trim() ?? cur.name,
      host: patch.host ?? cur.host,
      port: patch.port ?? cur.port,
      tls: patch.tls ?? cur.tls,
      username: patch.username ?? cur.username,
      folder: patch.folder ?? cur.folder,
      afterImport: patch.afterImport ?? cur.after_import,
      moveTo: patch.moveTo !== undefined ? patch.moveTo : cur.move_to,
      enabled: patch.enabled ?? cur.enabled,
    };
    if (next.afterImport === 'flag') next.moveTo = null;
    validate(next);
    if (next.name !== cur.name) await ensureNameFree(sql, next.name, id);
    const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== fieldOf(cur, k));
    const elsewhere = next.host !== cur.host || next.port !== cur.port || next.username !== cur.username || next.folder !== cur.folder;
    const dbPatch: MailboxPatch = {
      ...next,
      ...(patch.password !== undefined ? { passwordEnc: encryptSecret(patch.password, key()) } : {}),
      resetProgress: elsewhere,
    };
    const row = await updateMailbox(sql, id, dbPatch, now);
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: admin.id, action: 'mailbox.updated', targetKind: 'mailbox',
      targetId: id, data: { name: row.name, changed: changed.map(snake), password_changed: patch.password !== undefined },
    });
    return toMailboxView(row);
  });
  deps.mail?.mailboxesChanged();
  return view;
}

export async function removeMailbox(deps: Deps, p: Principal, id: string): Promise<void> {
  const admin = requireAgent(p, 'admin', 'admin');
  const now = deps.clock.now();
  await deps.db.tx(async (sql) => {
    const cur = await lockMailbox(sql, id);
    if (!cur) throw notFound();
    await deleteMailbox(sql, id);
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'agent', actorId: admin.id, action: 'mailbox.deleted', targetKind: 'mailbox',
      targetId: id, data: { name: cur.name, host: cur.host, username: cur.username },
    });
  });
  deps.mail?.mailboxesChanged();
}

/** The stored settings with the password decrypted (for the poller). A wrong key throws a CredentialError. */
export function connectionOf(row: MailboxRow, key: Buffer): MailboxConnection {
  return {
    host: row.host, port: row.port, tls: row.tls, username: row.username, password: decryptSecret(row.password_enc, key),
    folder: row.folder, afterImport: row.after_import, moveTo: row.move_to,
  };
}

/** Connects to a stored mailbox with `probe` and reports whether it works (nothing is imported or changed). */
export async function testMailbox(
  deps: Deps, p: Principal, id: string, key: SecretKeyProvider, probe: MailboxProbe,
): Promise<MailboxProbeResult> {
  requireAgent(p, 'admin', 'admin');
  const row = await findMailbox(deps.db, id);
  if (!row) throw notFound();
  let conn: MailboxConnection;
  try {
    conn = connectionOf(row, key());
  } catch (err) {
    return { ok: false, error: (err as Error).message, idle: null, messages: null };
  }
  return probe(conn);
}

function fieldOf(row: MailboxRow, k: 'name' | 'host' | 'port' | 'tls' | 'username' | 'folder' | 'afterImport' | 'moveTo' | 'enabled') {
  return k === 'afterImport' ? row.after_import : k === 'moveTo' ? row.move_to : row[k];
}
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
