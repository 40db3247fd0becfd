/**
 * Relais benchmarks. Usage:
 *
 *   npm run bench -- --engine embedded|postgres|both [--tickets 100000] [--creates 1000] [--reads 300]
 *                    [--seed 42] [--built] [--keep]
 *
 * Generates the data set (the raw-SQL floor), starts `relais serve` on 127.0.0.1, measures creation and reads
 * through the HTTP API, prints markdown tables and writes JSON to bench/results/. Only loopback traffic, and
 * every loop is bounded. postgres uses DATABASE_URL when set (a fresh database is created on it and dropped at
 * the end), otherwise a throwaway cluster (PostgreSQL server binaries needed: apt-get install postgresql).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Engine } from '../src/store/db.js';
import { enginesArg, intArg } from './args.js';
import { generate } from './generate.js';
import { SEARCHES } from './corpus.js';
import { markdown, type EngineResult } from './report.js';
import { runScenarios } from './scenarios.js';
import { startServer } from './server.js';
import { prepareTarget } from './target.js';
import { tsquerySql } from '../src/store/search-sql.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'embedded' },
    tickets: { type: 'string', default: '100000' },
    creates: { type: 'string', default: '1000' },
    reads: { type: 'string', default: '300' },
    seed: { type: 'string', default: '42' },
    built: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
  strict: true,
});

const engines = enginesArg(values.engine);
const opts = {
  tickets: intArg('tickets', values.tickets, 100, 2_000_000),
  creates: intArg('creates', values.creates, 10, 100_000),
  reads: intArg('reads', values.reads, 10, 100_000),
  seed: intArg('seed', values.seed, 0, 2 ** 31),
};
const log = (msg: string) => console.error(msg);

async function benchEngine(engine: Engine): Promise<EngineResult> {
  const target = await prepareTarget(engine, values.keep);
  try {
    log(`\n[${engine}] ${target.description}`);
    log(`[${engine}] generating ${opts.tickets} tickets…`);
    const db = await target.open();
    let facts;
    try {
      const { people, stats } = await generate(db, { tickets: opts.tickets, seed: opts.seed, log });
      log(`[${engine}] ${stats.tickets} tickets + ${stats.timelineEntries} timeline entries in ${stats.insertSeconds.toFixed(1)} s (${Math.round(stats.rowsPerSecond)} rows/s)`);
      const team = people.teams[0]!;
      const count = async (sql: string, params: unknown[] = []) => (await db.one<{ n: number }>(sql, params))!.n;
      const tsq = tsquerySql('$1');
      const searchHits: Record<string, number> = {};
      for (const q of SEARCHES) searchHits[q] = await count(`SELECT count(*)::int AS n FROM tickets WHERE search_vector @@ ${tsq} OR internal_search_vector @@ ${tsq}`, [q]);
      const version = (await db.one<{ v: string }>('SELECT version() AS v'))!.v;
      const ticketIds = (await db.query<{ id: string }>(
        'SELECT id FROM tickets WHERE team_id = $1 ORDER BY md5(id::text) LIMIT 1000', [team.id],
      )).map((x) => x.id);
      facts = {
        stats, people, ticketIds, searchHits, version,
        teamQueue: await count("SELECT count(*)::int AS n FROM tickets WHERE team_id = $1 AND status IN ('new', 'open')", [team.id]),
        allQueue: await count("SELECT count(*)::int AS n FROM tickets WHERE status IN ('new', 'open')"),
      };
    } finally {
      await db.close();
    }

    log(`[${engine}] starting relais serve…`);
    const server = await startServer(target.env, values.built);
    try {
      const { measurements, skipped } = await runScenarios({
        base: server.base,
        agentToken: facts.people.agentToken,
        managerToken: facts.people.managerToken,
        teamId: facts.people.teams[0]!.id,
        requesterIds: facts.people.requesters.map((x) => x.id),
        ticketIds: facts.ticketIds,
        creates: opts.creates,
        reads: opts.reads,
        log,
      });
      return {
        engine,
        database: facts.version,
        target: target.description,
        generation: facts.stats,
        queues: { team: facts.teamQueue, all: facts.allQueue },
        searchHits: facts.searchHits,
        measurements,
        skipped,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await target.cleanup();
  }
}

const started = new Date();
const machine = {
  cpus: os.availableParallelism(),
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.type()} ${os.release()}`,
  loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
};
const results: EngineResult[] = [];
for (const engine of engines) results.push(await benchEngine(engine));

const report = { startedAt: started.toISOString(), finishedAt: new Date().toISOString(), machine, options: opts, results };
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `${engines.join('+')}-${opts.tickets}-${started.toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(markdown(report));
log(`results written to ${path.relative(process.cwd(), file)}`);
const failed = results.flatMap((r) => r.measurements.filter((m) => m.errors > 0).map((m) => `${r.engine}: ${m.name}`));
if (failed.length) {
  log(`requests failed in: ${failed.join('; ')} (see the first error of each above)`);
  process.exitCode = 1;
}
