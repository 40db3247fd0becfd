/**
 * What a browser downloads on first load of each app: the entry chunk, every chunk it imports statically
 * (recursively) and their CSS, from Vite's manifest. Sizes raw and gzip'd (level 9, as servers and CDNs do).
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export interface EntrySize {
  entry: string;
  files: string[];
  jsBytes: number;
  jsGzip: number;
  cssBytes: number;
  cssGzip: number;
  /** Chunks loaded later (lazy routes), not part of the initial load. */
  lazyJsGzip: number;
}

export function bundleSizes(distDir: string): EntrySize[] {
  const manifestPath = path.join(distDir, '.vite', 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  const size = (file: string) => {
    const buf = fs.readFileSync(path.join(distDir, file));
    return { raw: buf.length, gz: gzipSync(buf, { level: 9 }).length };
  };
  return Object.entries(manifest)
    .filter(([, c]) => c.isEntry)
    .map(([key, entry]) => {
      const seen = new Set<string>();
      const walk = (k: string) => {
        if (seen.has(k)) return;
        seen.add(k);
        for (const i of manifest[k]?.imports ?? []) walk(i);
      };
      walk(key);
      const js = [...seen].map((k) => manifest[k]!.file);
      const css = [...new Set([...seen].flatMap((k) => manifest[k]!.css ?? []))];
      const lazy = new Set<string>();
      const walkLazy = (k: string) => {
        for (const d of manifest[k]?.dynamicImports ?? []) {
          if (seen.has(d) || lazy.has(d)) continue;
          lazy.add(d);
          for (const i of manifest[d]?.imports ?? []) if (!seen.has(i)) lazy.add(i);
          walkLazy(d);
        }
      };
      for (const k of seen) walkLazy(k);
      const sum = (files: string[], f: 'raw' | 'gz') => files.reduce((n, file) => n + size(file)[f], 0);
      const lazyFiles = [...lazy].map((k) => manifest[k]!.file);
      return {
        entry: key,
        files: [...js, ...css],
        jsBytes: sum(js, 'raw'),
        jsGzip: sum(js, 'gz'),
        cssBytes: sum(css, 'raw'),
        cssGzip: sum(css, 'gz'),
        lazyJsGzip: sum(lazyFiles, 'gz'),
      };
    });
}
