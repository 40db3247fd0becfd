/** Markdown tables of a benchmark run, for the terminal and BENCHMARKS.md. */
import type { Engine } from '../src/store/db.js';
import type { GenerateStats } from './generate.js';
import type { Measurement } from './load.js';

export interface EngineResult {
  engine: Engine;
  database: string;
  target: string;
  generation: GenerateStats;
  queues: { team: number; all: number };
  searchHits: Record<string, number>;
  measurements: Measurement[];
  skipped: string[];
}

export interface Report {
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; loadAverageAtStart: number[] };
  options: { tickets: number; creates: number; reads: number };
  results: EngineResult[];
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–');
const int = (v: number) => Math.round(v).toLocaleString('en-US');

export function markdown(r: Report): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(`## Relais benchmark, ${int(r.options.tickets)} tickets (${r.startedAt})`, '');
  out.push(`${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, load average at start ${m.loadAverageAtStart.join(' / ')}`, '');
  out.push('### Data generation (batched multi-row INSERTs: the floor)', '');
  out.push('| engine | tickets | timeline entries | insert s | rows/s | tickets/s | VACUUM ANALYZE s |', '|---|---:|---:|---:|---:|---:|---:|');
  for (const e of r.results) {
    const g = e.generation;
    out.push(`| ${e.engine} | ${int(g.tickets)} | ${int(g.timelineEntries)} | ${g.insertSeconds.toFixed(1)} | ${int(g.rowsPerSecond)} | ${int(g.ticketsPerSecond)} | ${g.analyzeSeconds.toFixed(1)} |`);
  }
  out.push('', '### HTTP API (relais serve on 127.0.0.1, API token auth)', '');
  out.push('| engine | scenario | clients | requests | req/s | p50 ms | p95 ms | p99 ms | errors |', '|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const e of r.results) {
    for (const x of e.measurements) {
      out.push(`| ${e.engine} | ${x.name} | ${x.clients} | ${x.requests} | ${x.perSecond.toFixed(1)} | ${ms(x.p50)} | ${ms(x.p95)} | ${ms(x.p99)} | ${x.errors} |`);
    }
  }
  out.push('');
  for (const e of r.results) {
    const hits = Object.entries(e.searchHits).map(([q, n]) => `"${q}" ${int(n)}`).join(', ');
    out.push(`- ${e.engine}: ${e.database.split(',')[0]}; ${e.target}. Queue sizes (new+open): agent's team ${int(e.queues.team)}, all teams ${int(e.queues.all)}. Search hits: ${hits}.`);
    for (const s of e.skipped) out.push(`- ${e.engine}: skipped ${s}`);
    for (const x of e.measurements.filter((y) => y.errors > 0)) out.push(`- ${e.engine}: ${x.name}: ${x.errors} errors, first: ${x.firstError}`);
  }
  return out.join('\n');
}
