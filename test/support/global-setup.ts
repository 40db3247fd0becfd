/**
 * Chooses the engine for the whole run. RELAIS_TEST_ENGINE=postgres uses DATABASE_URL when given, otherwise
 * starts a throwaway PostgreSQL cluster (initdb/pg_ctl on 127.0.0.1) and stops it at the end. Each test file
 * then gets its own fresh database (see harness.ts). The default is the embedded engine, in memory.
 */
import type { TestProject } from 'vitest/node';
import { startPgCluster, type PgCluster } from './pg-cluster.js';

let cluster: PgCluster | null = null;

export async function setup(project: TestProject): Promise<void> {
  const engine = process.env.RELAIS_TEST_ENGINE ?? 'embedded';
  if (engine !== 'postgres') {
    project.provide('pgAdminUrl', '');
    return;
  }
  if (process.env.DATABASE_URL) {
    project.provide('pgAdminUrl', process.env.DATABASE_URL);
    return;
  }
  cluster = await startPgCluster();
  project.provide('pgAdminUrl', cluster.url);
}

export function teardown(): void {
  cluster?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
