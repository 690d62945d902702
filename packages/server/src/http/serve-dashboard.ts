import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Options of {@link serveDashboard}. */
export interface ServeDashboardOptions {
  /** The built dashboard (Vite's `dist`); by default `@datafold/dashboard`'s, found by Node. */
  directory?: string;
}

/**
 * The dashboard's Content-Security-Policy: its own scripts, styles and API only. WebAssembly
 * (the SDK's Argon2id, hash-wasm) needs 'wasm-unsafe-eval' (CSP3 §6.1.2), which allows compiling
 * WASM and nothing else; workers come from this origin. No inline script or style anywhere.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
};

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
  cacheControl: string;
}

/** Vite names every bundled file under assets/ by its content hash, so it never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashes: always revalidate it (cheap, by ETag). */
const REVALIDATE = 'no-cache';

/**
 * In the repository, `@datafold/dashboard`'s build; in an installed @datafold/server, where that
 * private package is absent, the copy `npm pack` put in the package's own `dashboard/`
 * (scripts/copy-dashboard.mjs).
 */
function defaultDirectory(): string | null {
  try {
    const manifest = createRequire(import.meta.url).resolve('@datafold/dashboard/package.json');
    return join(dirname(manifest), 'dist');
  } catch {
    const packaged = fileURLToPath(new URL('../../dashboard', import.meta.url));
    return existsSync(packaged) ? packaged : null;
  }
}

function loadAssets(directory: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const walk = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder)) {
      const file = join(folder, name);
      const urlPath = `${prefix}/${name}`;
      if (statSync(file).isDirectory()) {
        walk(file, urlPath);
        continue;
      }
      const body = readFileSync(file);
      assets.set(urlPath, {
        body,
        type: CONTENT_TYPES[extname(name)] ?? 'application/octet-stream',
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
        cacheControl: urlPath.startsWith('/assets/') ? IMMUTABLE : REVALIDATE,
      });
    }
  };
  walk(directory, '');
  return assets;
}

function send(request: FastifyRequest, reply: FastifyReply, asset: Asset) {
  void reply
    .header('cache-control', asset.cacheControl)
    .header('etag', asset.etag)
    .header('content-security-policy', DASHBOARD_CSP);
  if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
  return reply.type(asset.type).send(asset.body);
}

const NOT_BUILT =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>DataFold Keys</title>' +
  '</head><body><h1>The dashboard is not built</h1><p>Run <code>npm run build</code> in the ' +
  'repository, then restart datafold-server. The API is running.</p></body></html>';

/**
 * Serves the built dashboard at `/`: files are read once at start-up and kept in memory (the
 * whole dashboard is a few hundred KiB). Hashed files under `/assets/` are cached for a year,
 * `index.html` and other top-level files are revalidated on every load. When the dashboard was
 * never built, `/` says so in words (503) instead of a blank page or a JSON 404.
 *
 * @example
 * await app.register(serveDashboard);
 */
export function serveDashboard(
  app: FastifyInstance,
  options: ServeDashboardOptions,
  done: (error?: Error) => void,
): void {
  const directory = options.directory ?? defaultDirectory();
  const hide = { schema: { hide: true } };
  if (!directory || !existsSync(join(directory, 'index.html'))) {
    app.get('/', hide, (_request, reply) =>
      reply
        .code(503)
        .header('cache-control', 'no-store')
        .header('content-security-policy', "default-src 'none'")
        .type('text/html; charset=utf-8')
        .send(NOT_BUILT),
    );
    done();
    return;
  }
  const assets = loadAssets(directory);
  const index = assets.get('/index.html')!;
  app.get('/', hide, (request, reply) => send(request, reply, index));
  for (const [path, asset] of assets) {
    if (path === '/index.html' || path.startsWith('/assets/')) continue;
    app.get(path, hide, (request, reply) => send(request, reply, asset));
  }
  app.get<{ Params: { '*': string } }>('/assets/*', hide, (request, reply) => {
    const asset = assets.get(`/assets/${request.params['*']}`);
    if (!asset) {
      return reply.code(404).send({
        success: false,
        error: { code: 'NOT_FOUND', message: 'no such dashboard file', details: {} },
      });
    }
    return send(request, reply, asset);
  });
  done();
}
