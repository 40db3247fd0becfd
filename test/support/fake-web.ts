import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A stand-in for a built web app (what `npm run build:web` writes to web/dist), so tests of the static routes
 * depend on no build: both pages and one hashed asset.
 */
export function fakeWebDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'console.html'), '<!doctype html><title>console</title><script type="module" src="/assets/console-abc123.js"></script>');
  fs.writeFileSync(path.join(dir, 'portal.html'), '<!doctype html><title>portal</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'console-abc123.js'), 'console.log("console");');
  fs.writeFileSync(path.join(dir, 'robots.txt'), 'User-agent: *\nDisallow: /\n');
  return dir;
}
