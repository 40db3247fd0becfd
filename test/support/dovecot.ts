/**
 * A real Dovecot IMAP server for tests: Debian's dovecot-imapd, started in the foreground on 127.0.0.1 (a free
 * port) with a throwaway configuration, users from a passwd-file and Maildirs in a temp directory; plain-text
 * login without TLS. Stopped (and its directory removed) by `stop()`.
 *
 * When the binaries are missing the IMAP tests are skipped with a message, unless RELAIS_IMAP_REQUIRED=1 (CI).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.js';

const DOVECOT = '/usr/sbin/dovecot';
const IMAP_BIN = '/usr/lib/dovecot/imap';

/** Whether the IMAP tests can run here; throws when they must (RELAIS_IMAP_REQUIRED=1) and cannot. */
export function dovecotAvailable(): boolean {
  const missing = [DOVECOT, IMAP_BIN].filter((f) => !fs.existsSync(f));
  if (missing.length === 0) return true;
  const why = `${missing.join(' and ')} not found (Debian: apt-get install -y dovecot-imapd)`;
  if (process.env.RELAIS_IMAP_REQUIRED === '1') throw new Error(`RELAIS_IMAP_REQUIRED=1 but ${why}`);
  console.warn(`IMAP tests skipped: ${why}. Set RELAIS_IMAP_REQUIRED=1 to make this an error.`);
  return false;
}

export interface Dovecot {
  host: string;
  port: number;
  /** The server's log so far, for failure messages. */
  log(): string;
  /** Drops every IMAP session of a user (doveadm kick), as a server restart or a network cut would. */
  kick(user: string): void;
  stop(): Promise<void>;
}

/** Starts Dovecot with these users (name → password). */
export async function startDovecot(users: Record<string, string>): Promise<Dovecot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-dovecot-'));
  const asRoot = process.getuid?.() === 0;
  // Dovecot refuses to run its login and mail processes as root: as root (CI), use the package's own users.
  const me = os.userInfo().username;
  const internalUser = asRoot ? 'dovecot' : me;
  const loginUser = asRoot ? 'dovenull' : me;
  const mailUser = asRoot ? 'dovecot' : me;
  const mailDir = path.join(dir, 'mail');
  for (const d of ['base', 'state', 'mail']) fs.mkdirSync(path.join(dir, d));
  // The auth process (running as the internal user) reads the passwd-file: it must be able to reach it.
  fs.chmodSync(dir, 0o755);
  if (asRoot) execFileSync('chown', [`${mailUser}:${mailUser}`, mailDir]);
  const passwd = path.join(dir, 'passwd');
  fs.writeFileSync(passwd, Object.entries(users).map(([u, p]) => `${u}:{PLAIN}${p}::::\n`).join(''), { mode: 0o644 });
  const port = await freePort();
  const logFile = path.join(dir, 'dovecot.log');
  const conf = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(conf, `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/base
state_dir = ${dir}/state
log_path = ${logFile}
info_log_path = ${logFile}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = ${internalUser}
default_internal_group = ${asRoot ? 'dovecot' : groupName()}
default_login_user = ${loginUser}
first_valid_uid = 0
mail_location = maildir:${mailDir}/%u
# New mail is noticed within a second while idling, even where inotify is unavailable.
mailbox_idle_check_interval = 1 secs
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${passwd}
}
userdb {
  driver = static
  args = uid=${mailUser} gid=${asRoot ? 'dovecot' : groupName()} home=${mailDir}/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
  # Unreachable penalty socket = no growing delay after failed logins from 127.0.0.1 (tests use wrong passwords).
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
`);
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = () => `${output}${fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForGreeting(port, child, 20_000);
  } catch (err) {
    const text = log();
    await stop();
    throw new Error(`Dovecot did not start: ${(err as Error).message}\n${text}`);
  }
  const kick = (user: string) => {
    execFileSync('/usr/bin/doveadm', ['-c', conf, 'kick', user], { stdio: ['ignore', 'pipe', 'pipe'] });
  };
  return { host: '127.0.0.1', port, log, kick, stop };
}

function groupName(): string {
  try {
    return execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();
  } catch {
    return String(os.userInfo().gid);
  }
}

async function waitForGreeting(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      let data = '';
      s.setTimeout(2_000, () => {
        s.destroy();
        resolve(false);
      });
      s.on('data', (b) => {
        data += b.toString();
        if (data.includes('\r\n')) {
          s.destroy();
          resolve(data.startsWith('* OK'));
        }
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no IMAP greeting on 127.0.0.1:${port} within ${timeoutMs} ms`);
}
