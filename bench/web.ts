/**
 * Web app benchmark. Usage:
 *
 *   npm run bench:web -- [--engine embedded|postgres] [--tickets 100000] [--runs 15] [--seed 42]
 *
 * 1. Builds the web app and reports each entry's initial download (JS and CSS, raw and gzip) from Vite's manifest.
 * 2. Generates the benchmark data set, starts `relais serve`, and in Debian's Chromium measures the time from
 *    navigation start to the first row of the ticket list ("all open" queue, as a manager who sees every ticket):
 *    cold (fresh browser profile: nothing cached) and warm (same profile, second visit). Medians and p90 of N runs.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import type { Engine } from '../src/store/db.js';
import { chromiumPath } from '../e2e/support/global-setup.js';
import { generate } from './generate.js';
import { BENCH_PASSWORD } from './people.js';
import { startServer } from './server.js';
import { prepareTarget } from './target.js';
import { bundleSizes, type EntrySize } from './web-bundle.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'embedded' },
    tickets: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '15' },
    seed: { type: 'string', default: '42' },
  },
  strict: true,
});
const engine = values.engine as Engine;
if (engine !== 'embedded' && engine !== 'postgres') throw new Error('--engine must be embedded or postgres');
const tickets = Number(values.tickets);
const runs = Number(values.runs);
const log = (m: string) => console.error(m);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

log('building the web app…');
execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
const sizes = bundleSizes(path.join(root, 'web', 'dist'));

const exe = chromiumPath();
if (!exe) throw new Error('Chromium not found: apt-get install chromium (or set RELAIS_CHROMIUM)');

const target = await prepareTarget(engine, false);
let render: { cold: number[]; warm: number[]; apiStart: number[]; apiMs: number[]; rows: number; queueTotal: number } | null = null;
try {
  const db = await target.open();
  let managerEmail: string;
  let queueTotal: number;
  try {
    log(`[${engine}] generating ${tickets} tickets…`);
    const { people } = await generate(db, { tickets, seed: Number(values.seed), log });
    managerEmail = people.manager.email;
    queueTotal = (await db.one<{ n: number }>("SELECT count(*)::int AS n FROM tickets WHERE status IN ('new', 'open')"))!.n;
  } finally {
    await db.close();
  }
  const server = await startServer(target.env, false);
  const browser: Browser = await chromium.launch({
    executablePath: exe,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    render = { cold: [], warm: [], apiStart: [], apiMs: [], rows: 0, queueTotal };
    for (let i = 0; i < runs + 2; i++) {
      const ctx = await browser.newContext({ baseURL: server.base.toString(), locale: 'fr-FR', timezoneId: 'Europe/Paris' });
      // Records when the first ticket row enters the DOM, in the page's own clock (ms since navigation start).
      await ctx.addInitScript({
        content: `new MutationObserver((_m, obs) => {
          if (document.querySelector('main table tbody tr')) { window.__firstRow = performance.now(); obs.disconnect(); }
        }).observe(document, { childList: true, subtree: true });`,
      });
      const login = await ctx.request.post('/api/v1/auth/login', { data: { email: managerEmail, password: BENCH_PASSWORD } });
      if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
      const page = await ctx.newPage();
      const measure = async () => {
        await page.goto('/queues/open');
        // Polled from outside (the CSP forbids the string evaluation waitForFunction needs); the time itself was
        // taken in the page by the observer, so the polling interval does not add to it.
        let ms = NaN;
        for (const deadline = Date.now() + 60_000; Number.isNaN(ms) && Date.now() < deadline; ) {
          const v = await page.evaluate('window.__firstRow');
          if (typeof v === 'number') ms = v;
          else await new Promise((r) => setTimeout(r, 20));
        }
        if (Number.isNaN(ms)) throw new Error('the ticket list did not render within 60 s');
        // The list request as the browser saw it: when it started and how long it took (Resource Timing).
        const list = (await page.evaluate(
          "performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/tickets?')).map((e) => [e.startTime, e.responseEnd - e.startTime])[0] ?? null",
        )) as [number, number] | null;
        return { ms, apiStart: list?.[0] ?? NaN, api: list?.[1] ?? NaN };
      };
      const cold = await measure();
      const warm = await measure();
      render.rows = await page.locator('main table tbody tr').count();
      if (i >= 2) {
        // the first two runs warm the server (plans, caches) and are not counted
        render.cold.push(cold.ms);
        render.warm.push(warm.ms);
        render.apiStart.push(cold.apiStart);
        render.apiMs.push(cold.api);
      }
      await ctx.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
} finally {
  await target.cleanup();
}

const out = {
  at: new Date().toISOString(),
  machine: { cpus: os.availableParallelism(), node: process.version, load: os.loadavg() },
  engine,
  tickets,
  runs,
  sizes,
  render,
};
const dir = path.join(root, 'bench', 'results');
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, `web-${engine}-${tickets}-${Date.now()}.json`), `${JSON.stringify(out, null, 2)}\n`);

const row = (s: EntrySize) =>
  `| ${s.entry} | ${kb(s.jsBytes)} | **${kb(s.jsGzip)}** | ${kb(s.cssGzip)} | ${kb(s.lazyJsGzip)} | ${s.files.length} |`;
console.log('| Entry | JS raw | JS gzip (initial) | CSS gzip | Lazy JS gzip | Files |\n|---|---|---|---|---|---|');
console.log(sizes.map(row).join('\n'));
if (render) {
  const f = (xs: number[]) => `${Math.round(quantile(xs, 0.5))} ms (p90 ${Math.round(quantile(xs, 0.9))} ms)`;
  console.log(`\nTicket list, all open queue (${render.queueTotal} open tickets of ${tickets}), ${render.rows} rows shown, ${engine}, ${runs} runs:`);
  console.log(`| Measure | Median (p90) |\n|---|---|`);
  console.log(`| First row, cold profile | ${f(render.cold)} |`);
  console.log(`| First row, warm profile | ${f(render.warm)} |`);
  console.log(`| List request starts (cold: after JS, /auth/me and /queues) | ${f(render.apiStart.filter((x) => !Number.isNaN(x)))} |`);
  console.log(`| List request duration (GET /api/v1/tickets, 50 rows) | ${f(render.apiMs.filter((x) => !Number.isNaN(x)))} |`);
}
