/**
 * Keeps the README honest: its configuration table must list every environment variable Relais reads (ENV_DOC),
 * with the real default, and nothing else; the npm scripts it tells people to run must exist.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_DOC } from '../src/config/config.js';

const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };

/** Rows of the Configuration table: `| \`NAME\` | default | meaning |`. */
function configurationRows(): Map<string, string> {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Configuration'));
  expect(section, 'README has a "## Configuration" section').toBeDefined();
  const rows = new Map<string, string>();
  for (const line of section!.split('\n')) {
    const m = /^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|\s*([^|]+?)\s*\|/.exec(line);
    if (m) rows.set(m[1]!, m[2]!.replace(/`/g, ''));
  }
  return rows;
}

describe('README', () => {
  it('documents every environment variable of ENV_DOC with its default', () => {
    const rows = configurationRows();
    const missing = ENV_DOC.filter(([name]) => !rows.has(name)).map(([name]) => name);
    expect(missing, 'variables missing from the README configuration table').toEqual([]);
    for (const [name, def] of ENV_DOC) expect(rows.get(name), `default of ${name}`).toBe(def);
  });

  it('documents no variable that Relais does not read', () => {
    const known = new Set(ENV_DOC.map(([name]) => name));
    expect([...configurationRows().keys()].filter((name) => !known.has(name))).toEqual([]);
  });

  it('gives the two quick-start commands, and every npm script it mentions exists', () => {
    const quickStart = readme.split(/^## /m).find((s) => s.startsWith('Quick start'))!;
    expect(quickStart).toContain('npm ci && npm start');
    expect(quickStart).toContain('npm test');
    const mentioned = new Set([...readme.matchAll(/npm (?:run ([\w:-]+)|(start|test)\b)/g)].map((m) => m[1] ?? m[2]!));
    expect(mentioned.size).toBeGreaterThan(2);
    for (const script of mentioned) expect(pkg.scripts[script], `npm script "${script}"`).toBeDefined();
  });
});
