import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { consoleCatalogue } from '../../console/catalogue';
import { portalCatalogue } from '../../portal/catalogue';

/** Names of the ICU arguments a message uses ({name}, {count, plural, …}), nested ones included. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type >= 1 && el.type <= 6) names.add((el as { value: string }).value);
      if ('options' in el) for (const opt of Object.values(el.options)) walk(opt.value);
      if ('children' in el) walk(el.children);
    }
  };
  walk(parse(message));
  return [...names].sort();
}

const SRC = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'test' ? [] : sources(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

/** Literal ids passed to t('…') in an app's sources (dynamic ids such as t(`status.${s}`) are checked by prefix). */
function usedIds(files: string[]): { exact: Set<string>; prefixes: Set<string> } {
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([^']+)'/g)) exact.add(m[1]!);
    for (const m of text.matchAll(/\bt\(\s*`([^`$]+)\$\{/g)) prefixes.add(m[1]!);
  }
  return { exact, prefixes };
}

describe.each([
  ['console', consoleCatalogue, ['console', 'shared']],
  ['portal', portalCatalogue, ['portal', 'shared']],
] as const)('%s catalogue', (_name, catalogue, dirs) => {
  it('has the same keys in French and English, none empty', () => {
    expect(Object.keys(catalogue.fr).sort()).toEqual(Object.keys(catalogue.en).sort());
    for (const [k, v] of [...Object.entries(catalogue.fr), ...Object.entries(catalogue.en)]) {
      expect(v.trim(), k).not.toBe('');
    }
  });

  it('has valid ICU messages with the same arguments in both languages', () => {
    for (const key of Object.keys(catalogue.en)) {
      expect(() => parse(catalogue.en[key]!), key).not.toThrow();
      expect(() => parse(catalogue.fr[key]!), key).not.toThrow();
      expect(argumentsOf(catalogue.fr[key]!), key).toEqual(argumentsOf(catalogue.en[key]!));
    }
  });

  it('defines every message id its sources use', () => {
    const { exact, prefixes } = usedIds(dirs.flatMap((d) => sources(join(SRC, d))));
    const missing = [...exact].filter((id) => !(id in catalogue.en));
    expect(missing).toEqual([]);
    for (const p of prefixes) expect(Object.keys(catalogue.en).some((k) => k.startsWith(p)), p).toBe(true);
  });
});
