/**
 * Browser journeys: builds the web app, starts a real Relais (`relais serve --demo`: the quick start a newcomer
 * runs, on a fresh embedded data directory; on a fresh PostgreSQL database when RELAIS_TEST_ENGINE=postgres) and
 * finds Debian's Chromium. Without Chromium the journeys are skipped with the reason printed, except when
 * RELAIS_E2E_REQUIRED=1 (CI installs it and sets that).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startPgCluster, type PgCluster } from '../../test/support/pg-cluster.js';
import { startRelais, type RunningRelais } from './server.js';

let relais: RunningRelais | null = null;
let cluster: PgCluster | null = null;

/** A fresh database on DATABASE_URL's server, or on a throwaway cluster. */
async function freshPostgres(): Promise<string> {
  const admin = process.env.DATABASE_URL ?? (cluster = await startPgCluster()).url;
  const name = `relais_e2e_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

export function chromiumPath(): string | null {
  const candidates = [process.env.RELAIS_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

export async function setup(project: TestProject): Promise<void> {
  const chromium = chromiumPath();
  const required = process.env.RELAIS_E2E_REQUIRED === '1';
  let skip = '';
  if (!chromium) skip = 'Chromium not found (apt-get install chromium, or set RELAIS_CHROMIUM)';
  if (skip && required) throw new Error(`RELAIS_E2E_REQUIRED=1 but ${skip}`);
  if (skip) {
    process.stdout.write(`\n[e2e] skipped: ${skip}\n`);
    project.provide('e2e', { skip, baseUrl: '', chromium: '', requesterEmail: '' });
    return;
  }
  execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  const postgres = (process.env.RELAIS_TEST_ENGINE ?? 'embedded') === 'postgres';
  relais = await startRelais(postgres ? await freshPostgres() : null);
  project.provide('e2e', { skip: '', baseUrl: relais.baseUrl, chromium: chromium!, requesterEmail: relais.requesterEmail });
}

export async function teardown(): Promise<void> {
  await relais?.stop();
  cluster?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: { skip: string; baseUrl: string; chromium: string; requesterEmail: string };
  }
}
