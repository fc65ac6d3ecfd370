// The built PWA: files as they are, hashed assets cached for a year, everything else revalidated, and
// the app shell for any other page navigation (SPA routes like /analytics/realtime). Anything else
// unknown, and every API-looking path, gets a JSON 404.
import type { Context, MiddlewareHandler } from 'hono';
import { BRIDGE_ERRORS, jsonError } from './errors.ts';

/** File serving, given by the runtime entry (Node: @hono/node-server's serveStatic). */
export interface Assets {
  /** Serves the file at the request path, or calls next(). */
  files: MiddlewareHandler;
  /** Serves index.html whatever the path, or calls next(). */
  index: MiddlewareHandler;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Cache-Control for a served file: Vite puts content-hashed names under /assets/ only. */
export const cacheControlFor = (path: string): string =>
  path.startsWith('/assets/') ? IMMUTABLE : 'no-cache';

/** Paths no page navigation should get the shell for (the same list the service worker keeps off). */
const API_PATH =
  /^\/(analytics\/(metrics|stream|system)(\/|$)|analytics\/campaigns\/[^/]+\/metrics(\/|$)|ws(\/|$)|healthz$|readyz$)/;

const wantsPage = (c: Context): boolean =>
  (c.req.method === 'GET' || c.req.method === 'HEAD') &&
  !API_PATH.test(c.req.path) &&
  (c.req.header('accept') ?? '').includes('text/html');

const NOT_BUILT_HTML = `<!doctype html><meta charset="utf-8"><title>Not built</title>
<p>The dashboard has not been built. Run <code>npm run build</code> (or <code>npm start</code>, which builds first), then reload.</p>`;

export function staticHandlers(assets: Assets | null): MiddlewareHandler[] {
  const fallback: MiddlewareHandler = async (c, next) => {
    const page = wantsPage(c);
    if (assets) {
      if (!page) return next();
      return assets.index(c, next);
    }
    if (page) return c.html(NOT_BUILT_HTML, 503);
    if (c.req.path === '/')
      return jsonError(503, BRIDGE_ERRORS.notBuilt, 'the dashboard is not built: run npm run build');
    return next();
  };
  return assets ? [assets.files, fallback] : [fallback];
}

export const notFound = (c: Context): Response =>
  jsonError(404, BRIDGE_ERRORS.notFound, `no route for ${c.req.method} ${c.req.path}`);
