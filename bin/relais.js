#!/usr/bin/env node
// The `relais` command: runs the compiled CLI (npm run build produces dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('relais: dist/ is missing. Run `npm run build` first (npm start does it for you).');
  process.exit(1);
}
const { runCli } = await import(entry.href);
await runCli(process.argv);
