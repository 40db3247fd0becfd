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
  RELAIS_TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2}|[0-9a-fA-F:.\/]+(,[0-9a-fA-F:.\/]+)*)$/, 'must be true, false, a hop count, or a comma-separated list of proxy addresses/CIDRs')
    .default('false'),
  RELAIS_WEB_DIR: z.string().min(1).optional(),
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
  /** Which X-Forwarded-For hops to believe, as Fastify's trustProxy takes it. */
  trustProxy: boolean | number | string[];
  /** The built web app (console.html, portal.html, assets/). */
  webDir: string;
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
    trustProxy: parseTrustProxy(e.RELAIS_TRUST_PROXY),
    webDir: e.RELAIS_WEB_DIR ? path.resolve(e.RELAIS_WEB_DIR) : path.join(packageRoot(), 'web', 'dist'),
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
  ['RELAIS_WEB_DIR', 'web/dist', 'Directory of the built web app (npm run build); the default is web/dist inside the installed package'],
  ['RELAIS_TRUST_PROXY', 'false', 'Behind a reverse proxy: true, a hop count, or proxy addresses/CIDRs, so client IPs (sign-in throttling, audit) come from X-Forwarded-For'],
];
