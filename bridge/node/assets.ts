// The built PWA from disk, through @hono/node-server's serveStatic, with the core's cache policy and
// the build's compressed copies.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context } from 'hono';
import { type Assets, cacheControlFor } from '../core/staticRoutes.ts';

/** dist/web of this checkout, wherever the process was started from. */
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../dist/web', import.meta.url));

const setCache = (_path: string, c: Context): void => {
  c.header('Cache-Control', cacheControlFor(c.req.path));
};
const noCache = (_path: string, c: Context): void => {
  c.header('Cache-Control', 'no-cache');
};

/** null when `dir` holds no index.html: the bridge then answers pages with "run npm run build". */
export function nodeAssets(dir: string | null): Assets | null {
  if (dir === null || !existsSync(join(dir, 'index.html'))) return null;
  return {
    // precompressed: file.br or file.gz beside a file (written by the build, web/precompress.ts) is
    // sent instead when the browser accepts it, with Vary: Accept-Encoding
    files: serveStatic({ root: dir, precompressed: true, onFound: setCache }),
    index: serveStatic({ root: dir, path: 'index.html', precompressed: true, onFound: noCache }),
  };
}
