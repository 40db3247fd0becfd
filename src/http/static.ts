import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/** Vite names what it emits under assets/ by content hash: a file there never changes, so browsers keep it. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Files at the top of web/dist (favicon, robots.txt): stable names, so revalidated after an hour. */
const ROOT_FILE = 'public, max-age=3600';
/** A path naming a file rather than a page of the app: never answered with the app's HTML. */
const FILE_LIKE = /\.(?:js|mjs|css|map|json|txt|ico|png|jpe?g|gif|svg|webp|avif|woff2?|ttf|webmanifest|xml)$/i;

/** Host header values safe to repeat inside the CSP (anything else gets the policy without explicit ws URLs). */
const HOST = /^[a-z0-9.-]+(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/i;

/**
 * The policy of the app's pages: only this origin's scripts, styles and connections (plus the WebSocket on the
 * same host, spelled out for browsers whose 'self' does not cover ws:), data: images (inline icons), and no
 * framing, plugins or <base> tricks.
 */
export function contentSecurityPolicy(host: string | undefined): string {
  const ws = host && HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    `connect-src 'self'${ws}`,
    "img-src 'self' data:",
    "style-src 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

const NOT_BUILT =
  'Relais: the web app is not built yet.\n\nRun `npm run build` (or `npm run build:web`), then reload this page.\n' +
  'The API is available meanwhile under /api/v1 (documentation: /api/docs).\n';

/**
 * Serves the built web app (`webDir`, normally web/dist): hashed files under /assets, the requester portal's
 * page for /portal and below, and the agent console's page for every other GET outside /api (the console
 * routes in the browser). Unknown /api paths keep their JSON 404. Without a build, pages answer 503 saying
 * how to build it.
 */
export function staticRoutes(webDir: string): FastifyPluginAsync {
  return async (app) => {
    if (!fs.existsSync(path.join(webDir, 'console.html'))) {
      app.log.warn({ webDir }, 'the web app is not built (npm run build); its pages answer 503 until it is');
    }
    // serve: false: only reply.sendFile (ETag, Last-Modified, ranges, traversal checks); routes are ours.
    await app.register(fastifyStatic, { root: webDir, serve: false, cacheControl: false, index: false });

    const opts = { config: { auth: 'public' as const }, schema: { hide: true } };
    app.get('/assets/*', opts, async (req, reply) => {
      const file = safeRelative(`assets/${(req.params as { '*': string })['*']}`);
      if (!fs.existsSync(path.join(webDir, 'console.html'))) return notBuilt(reply);
      if (!file?.startsWith('assets/') || !isFile(path.join(webDir, file))) return reply.callNotFound();
      return reply.header('cache-control', IMMUTABLE).sendFile(file);
    });

    app.get('/*', opts, async (req, reply) => {
      const pathname = decodePath(req);
      if (pathname === null || pathname === '/api' || pathname.startsWith('/api/')) return reply.callNotFound();
      const portal = pathname === '/portal' || pathname.startsWith('/portal/');
      const page = portal ? 'portal.html' : 'console.html';
      if (!fs.existsSync(path.join(webDir, page))) return notBuilt(reply);
      if (FILE_LIKE.test(pathname)) {
        const file = safeRelative(pathname);
        if (!file || file.includes('/') || !isFile(path.join(webDir, file))) return reply.callNotFound();
        return reply.header('cache-control', ROOT_FILE).sendFile(file);
      }
      return reply
        .header('cache-control', 'no-cache')
        .header('content-security-policy', contentSecurityPolicy(req.headers.host))
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'same-origin')
        .sendFile(page);
    });
  };
}

function notBuilt(reply: FastifyReply) {
  return reply.status(503).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(NOT_BUILT);
}

function decodePath(req: FastifyRequest): string | null {
  try {
    return decodeURIComponent(req.url.split('?')[0]!);
  } catch {
    return null;
  }
}

/** A path inside the web directory, or null for anything that could climb out of it. */
function safeRelative(p: string): string | null {
  const rel = path.posix.normalize(p.replace(/^\/+/, ''));
  if (rel === '.' || rel.startsWith('..') || rel.includes('\0') || path.isAbsolute(rel)) return null;
  return rel;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
