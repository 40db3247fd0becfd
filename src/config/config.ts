import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * Every environment variable Relais reads, with its default. Parsed once at start; a bad value stops start-up
 * with a message naming it. Keep the README's configuration table in step with this schema.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  RELAIS_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RELAIS_PUBLIC_URL: z.string().url().optional(),
  RELAIS_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  RELAIS_SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 14),
  RELAIS_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  RELAIS_MAINTENANCE_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(60),
  RELAIS_SCHEDULER_SECONDS: z.coerce.number().int().min(0).max(3600).default(15),
  RELAIS_TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2}|[0-9a-fA-F:.\/]+(,[0-9a-fA-F:.\/]+)*)$/, 'must be true, false, a hop count, or a comma-separated list of proxy addresses/CIDRs')
    .default('false'),
  RELAIS_WEB_DIR: z.string().min(1).optional(),
  RELAIS_SUPPORT_ADDRESSES: z
    .string()
    .transform((v) => v.split(',').map((a) => a.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.string().email('each support address must be an e-mail address')).min(1))
    .optional(),
  RELAIS_SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  RELAIS_SMTP_HOST: z.string().min(1).optional(),
  RELAIS_SMTP_OUT_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL').optional(),
  RELAIS_EMAIL_MAX_BYTES: z.coerce.number().int().min(1024).max(200 * 1024 * 1024).default(25 * 1024 * 1024),
  RELAIS_ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(200 * 1024 * 1024).default(10 * 1024 * 1024),
  RELAIS_ATTACHMENTS_DIR: z.string().min(1).optional(),
  RELAIS_EMAIL_REOPEN_DAYS: z.coerce.number().min(0).max(3650).default(14),
  RELAIS_EMAIL_SENDER_LIMIT_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(30),
  RELAIS_IMAP_POLL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
  RELAIS_SECRET_KEY: z.string().regex(/^[A-Za-z0-9+/_-]{43,}={0,2}$/, 'must be 32 random bytes in base64 (openssl rand -base64 32)').optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  poolSize: number;
  logLevel: Env['LOG_LEVEL'];
  publicUrl: string | null;
  cookieSecure: 'auto' | boolean;
  sessionTtlHours: number;
  bodyLimitBytes: number;
  maintenanceIntervalMinutes: number;
  /** Period of the SLA sweep and the automation workers; 0: this process runs none (e.g. a web-only process). */
  schedulerSeconds: number;
  /** Which X-Forwarded-For hops to believe, as Fastify's trustProxy takes it. */
  trustProxy: boolean | number | string[];
  /** The built web app (console.html, portal.html, assets/). */
  webDir: string;
  email: EmailConfig;
  /** Encrypts stored credentials (IMAP passwords); null: a key file in the data directory is used. */
  secretKey: string | null;
}

export interface EmailConfig {
  /** Lower-case; the first is the From of outbound mail and names the domain of our Message-IDs. */
  supportAddresses: string[];
  /** The SMTP receiver's port; null keeps it off. */
  smtpPort: number | null;
  smtpHost: string;
  /** Where outbound mail goes; null: nothing is sent (and nothing queued). */
  smtpOutUrl: string | null;
  maxMessageBytes: number;
  maxAttachmentBytes: number;
  attachmentsDir: string;
  reopenWindowMs: number;
  senderLimitPerHour: number;
  imapPollSeconds: number;
}

export class ConfigError extends Error {}

/** Reads the configuration from an environment (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.RELAIS_DATA_DIR),
    databaseUrl: e.DATABASE_URL ?? null,
    poolSize: e.DATABASE_POOL_SIZE,
    logLevel: e.LOG_LEVEL,
    publicUrl: e.RELAIS_PUBLIC_URL ?? null,
    cookieSecure: e.RELAIS_COOKIE_SECURE === 'auto' ? 'auto' : e.RELAIS_COOKIE_SECURE === 'true',
    sessionTtlHours: e.RELAIS_SESSION_TTL_HOURS,
    bodyLimitBytes: e.RELAIS_BODY_LIMIT_BYTES,
    maintenanceIntervalMinutes: e.RELAIS_MAINTENANCE_INTERVAL_MINUTES,
    schedulerSeconds: e.RELAIS_SCHEDULER_SECONDS,
    trustProxy: parseTrustProxy(e.RELAIS_TRUST_PROXY),
    webDir: e.RELAIS_WEB_DIR ? path.resolve(e.RELAIS_WEB_DIR) : path.join(packageRoot(), 'web', 'dist'),
    email: emailConfig(e),
    secretKey: e.RELAIS_SECRET_KEY ?? null,
  };
}

function emailConfig(e: Env): EmailConfig {
  const supportAddresses = e.RELAIS_SUPPORT_ADDRESSES ?? [];
  const needsAddress = e.RELAIS_SMTP_PORT !== undefined || e.RELAIS_SMTP_OUT_URL !== undefined;
  if (needsAddress && supportAddresses.length === 0) {
    throw new ConfigError(
      'Invalid configuration:\n  RELAIS_SUPPORT_ADDRESSES: required when RELAIS_SMTP_PORT or RELAIS_SMTP_OUT_URL is set ' +
        '(the addresses the receiver accepts and outbound mail comes from)',
    );
  }
  return {
    supportAddresses,
    smtpPort: e.RELAIS_SMTP_PORT ?? null,
    smtpHost: e.RELAIS_SMTP_HOST ?? e.HOST,
    smtpOutUrl: e.RELAIS_SMTP_OUT_URL ?? null,
    maxMessageBytes: e.RELAIS_EMAIL_MAX_BYTES,
    maxAttachmentBytes: e.RELAIS_ATTACHMENT_MAX_BYTES,
    attachmentsDir: path.resolve(e.RELAIS_ATTACHMENTS_DIR ?? path.join(e.RELAIS_DATA_DIR, 'attachments')),
    reopenWindowMs: e.RELAIS_EMAIL_REOPEN_DAYS * 86_400_000,
    senderLimitPerHour: e.RELAIS_EMAIL_SENDER_LIMIT_PER_HOUR,
    imapPollSeconds: e.RELAIS_IMAP_POLL_SECONDS,
  };
}

/**
 * The directory of Relais's package.json: the same from the sources (src/config, run by tsx) and from the
 * build (dist/config), and independent of the working directory.
 */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

function parseTrustProxy(v: string): boolean | number | string[] {
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(',');
}

/** The variables above with their defaults, for `--help` and the README. */
export const ENV_DOC: ReadonlyArray<[string, string, string]> = [
  ['PORT', '3000', 'HTTP port'],
  ['HOST', '127.0.0.1', 'HTTP bind address'],
  ['RELAIS_DATA_DIR', './data', 'Embedded database and files (used when DATABASE_URL is unset)'],
  ['DATABASE_URL', '(unset)', 'PostgreSQL ≥ 15 server; when set, the embedded engine is not used'],
  ['DATABASE_POOL_SIZE', '10', 'Connections to the PostgreSQL server (the embedded engine uses one)'],
  ['LOG_LEVEL', 'info', 'fatal, error, warn, info, debug, trace or silent'],
  ['RELAIS_PUBLIC_URL', '(unset)', 'Public base URL, e.g. https://support.example.com (secure cookies when https; pages from it may open the WebSocket)'],
  ['RELAIS_COOKIE_SECURE', 'auto', 'Secure cookies: auto (when RELAIS_PUBLIC_URL is https), true or false'],
  ['RELAIS_SESSION_TTL_HOURS', '336', 'Session lifetime in hours'],
  ['RELAIS_BODY_LIMIT_BYTES', '1048576', 'Largest JSON request body accepted'],
  ['RELAIS_MAINTENANCE_INTERVAL_MINUTES', '60', 'VACUUM/ANALYZE period on the embedded engine (0 turns it off)'],
  ['RELAIS_SCHEDULER_SECONDS', '15', 'Period of the SLA sweep (warnings, breaches, escalations) and of time-based automations; event triggers run right after each change. 0: this process runs no background jobs (another one does)'],
  ['RELAIS_WEB_DIR', 'web/dist', 'Directory of the built web app (npm run build); the default is web/dist inside the installed package'],
  ['RELAIS_SUPPORT_ADDRESSES', '(unset)', 'Comma-separated support addresses: the only recipients the SMTP receiver accepts, mail from them is ignored, the first is the From of outbound mail'],
  ['RELAIS_SMTP_PORT', '(unset)', 'Turns the built-in SMTP receiver on, on this port (e.g. 2525)'],
  ['RELAIS_SMTP_HOST', 'HOST', 'Bind address of the SMTP receiver'],
  ['RELAIS_SMTP_OUT_URL', '(unset)', 'Where outbound mail goes, e.g. smtp://127.0.0.1:2526 or smtps://user:pass@smtp.example.com; unset: no mail is sent'],
  ['RELAIS_EMAIL_MAX_BYTES', '26214400', 'Largest inbound message accepted (SMTP, IMAP, HTTP)'],
  ['RELAIS_ATTACHMENT_MAX_BYTES', '10485760', 'Largest attachment kept; larger ones are recorded on the ticket as dropped'],
  ['RELAIS_ATTACHMENTS_DIR', 'RELAIS_DATA_DIR/attachments', 'Directory of attachments and raw messages (content-addressed); back it up with the database'],
  ['RELAIS_EMAIL_REOPEN_DAYS', '14', 'A reply this many days after resolution reopens the ticket; later, it opens a new linked ticket'],
  ['RELAIS_EMAIL_SENDER_LIMIT_PER_HOUR', '30', 'Inbound messages per sender per hour that are processed; the rest are stored and ignored (mail loops)'],
  ['RELAIS_IMAP_POLL_SECONDS', '60', 'How often IMAP mailboxes are polled when the server does not support IDLE'],
  ['RELAIS_SECRET_KEY', '(unset)', 'Base64 key (32 bytes) encrypting stored credentials; unset: generated once in RELAIS_DATA_DIR/secret.key (set it when several servers share a database)'],
  ['RELAIS_TRUST_PROXY', 'false', 'Behind a reverse proxy: true, a hop count, or proxy addresses/CIDRs, so client IPs (sign-in throttling, audit) come from X-Forwarded-For'],
];
