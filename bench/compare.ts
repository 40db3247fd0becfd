/**
 * Side-by-side table of two or more result files (e.g. one embedded run and one postgres run), with the ratio
 * of the first engine's p50 to the second's:
 *
 *   npx tsx bench/compare.ts bench/results/embedded-….json bench/results/postgres-….json
 */
import fs from 'node:fs';
import type { EngineResult, Report } from './report.js';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: tsx bench/compare.ts RESULT.json [RESULT.json…]');
  process.exit(2);
}
const results: EngineResult[] = files.flatMap((f) => (JSON.parse(fs.readFileSync(f, 'utf8')) as Report).results);
const [a, b] = results;
if (!a) throw new Error('no results in these files');

const f1 = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(1));
const int = (v: number) => Math.round(v).toLocaleString('en-US');
const out: string[] = [];

out.push('| | ' + results.map((r) => r.engine).join(' | ') + ' |', '|---|' + results.map(() => '---:').join('|') + '|');
const genRow = (label: string, pickValue: (r: EngineResult) => string) => out.push(`| ${label} | ${results.map(pickValue).join(' | ')} |`);
genRow('tickets generated', (r) => int(r.generation.tickets));
genRow('timeline entries', (r) => int(r.generation.timelineEntries));
genRow('raw-SQL insert rate, rows/s (the floor)', (r) => int(r.generation.rowsPerSecond));
genRow('raw-SQL insert rate, tickets/s', (r) => int(r.generation.ticketsPerSecond));
out.push('');

const names = [...new Set(results.flatMap((r) => r.measurements.map((m) => `${m.name}|${m.clients}`)))];
const head = results.map((r) => `${r.engine} req/s | ${r.engine} p50 | ${r.engine} p95 | ${r.engine} p99`).join(' | ');
const ratio = b ? ` | p50 ${a.engine}/${b.engine}` : '';
out.push(`| scenario | clients | ${head}${ratio} |`, `|---|---:|${results.map(() => '---:|---:|---:|---:').join('|')}${b ? '|---:' : ''}|`);
for (const key of names) {
  const [name, clients] = key.split('|') as [string, string];
  const cells = results.map((r) => {
    const m = r.measurements.find((x) => x.name === name && String(x.clients) === clients);
    return m ? `${f1(m.perSecond)} | ${f1(m.p50)} | ${f1(m.p95)} | ${f1(m.p99)}` : '– | – | – | –';
  });
  const ma = a.measurements.find((x) => x.name === name && String(x.clients) === clients);
  const mb = b?.measurements.find((x) => x.name === name && String(x.clients) === clients);
  const r = b ? ` | ${ma && mb ? `${(ma.p50 / mb.p50).toFixed(2)}×` : '–'}` : '';
  out.push(`| ${name} | ${clients} | ${cells.join(' | ')}${r} |`);
}
console.log(out.join('\n'));
