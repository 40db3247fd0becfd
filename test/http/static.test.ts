/**
 * The web app's files and pages (a stand-in build, see fakeWebDir): which page each path gets, caching and
 * security headers, the JSON 404 kept for /api, and the 503 that says to build when nothing is built.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, packageRoot } from '../../src/config/config.js';
import { fakeWebDir } from '../support/fake-web.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let built: TestApp;
let unbuilt: TestApp;
let webDir: string;
let emptyDir: string;

beforeAll(async () => {
  webDir = fakeWebDir();
  emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-noweb-'));
  built = await startTestApp({ config: { RELAIS_WEB_DIR: webDir } });
  unbuilt = await startTestApp({ config: { RELAIS_WEB_DIR: emptyDir } });
});
afterAll(async () => {
  await built.close();
  await unbuilt.close();
  fs.rmSync(webDir, { recursive: true, force: true });
  fs.rmSync(emptyDir, { recursive: true, force: true });
});

const get = (t: TestApp, url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('with a build', () => {
  it('serves the console for app paths and the portal under /portal, uncached, with a strict CSP', async () => {
    for (const [url, title] of [['/', 'console'], ['/queues/mine', 'console'], ['/tickets/1042?tab=x', 'console'], ['/portal', 'portal'], ['/portal/tickets/1042', 'portal']]) {
      const res = await get(built, url!, { host: 'support.example.com' });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain(`<title>${title}</title>`);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      const csp = res.headers['content-security-policy'] as string;
      for (const directive of ["default-src 'self'", "img-src 'self' data:", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'"]) {
        expect(csp).toContain(directive);
      }
      expect(csp).toContain("connect-src 'self' ws://support.example.com wss://support.example.com");
    }
  });

  it('keeps a strange Host header out of the policy', async () => {
    const res = await get(built, '/', { host: 'evil.example; script-src *' });
    expect(res.headers['content-security-policy']).toContain("connect-src 'self';");
  });

  it('serves hashed assets as immutable, and answers missing files with 404, never the page', async () => {
    const js = await get(built, '/assets/console-abc123.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/assets/missing-000.js', '/assets/..%2fconsole.html', '/assets/..%2f..%2fpackage.json', '/..%2fpackage.json', '/portal/missing.js', '/favicon.ico']) {
      const res = await get(built, url);
      expect(res.statusCode, url).toBe(404);
      expect(String(res.headers['cache-control'] ?? '')).not.toContain('immutable');
    }
    const robots = await get(built, '/robots.txt');
    expect(robots.statusCode).toBe(200);
    expect(robots.body).toContain('User-agent');
  });

  it('keeps the JSON 404 under /api and the API itself untouched', async () => {
    for (const url of ['/api', '/api/v2/tickets', '/api/v1/nope']) {
      const res = await get(built, url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    expect((await get(built, '/api/v1/tickets')).statusCode).toBe(401);
    expect((await get(built, '/health')).json().status).toBe('ok');
    const post = await built.app.inject({ method: 'POST', url: '/queues/mine' });
    expect(post.statusCode).toBe(404);
  });
});

describe('without a build', () => {
  it('answers pages and assets with 503 saying how to build, and the API as usual', async () => {
    for (const url of ['/', '/portal/', '/assets/console-abc123.js']) {
      const res = await get(unbuilt, url);
      expect(res.statusCode, url).toBe(503);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.body).toContain('npm run build');
    }
    expect((await get(unbuilt, '/api/v1/nope')).json().error.code).toBe('NOT_FOUND');
  });
});

describe('where the build is looked for', () => {
  it('defaults to web/dist of the package, whatever the working directory; RELAIS_WEB_DIR overrides it', () => {
    expect(fs.existsSync(path.join(packageRoot(), 'package.json'))).toBe(true);
    expect(loadConfig({}).webDir).toBe(path.join(packageRoot(), 'web', 'dist'));
    expect(loadConfig({ RELAIS_WEB_DIR: '/srv/relais-web' }).webDir).toBe('/srv/relais-web');
  });
});
