// The built PWA from disk, through @hono/node-server's serveStatic, with the core's cache policy and
// the build's compressed copies.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context } from 'hono';
import { type Assets, cacheControlFor } from '../core/staticRoutes.ts';
import type { Logger } from '../log.ts';

/** dist/web of this checkout, wherever the process was started from. */
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../dist/web', import.meta.url));

const setCache = (_path: string, c: Context): void => {
  c.header('Cache-Control', cacheControlFor(c.req.path));
};
const noCache = (_path: string, c: Context): void => {
  c.header('Cache-Control', 'no-cache');
};

/** The encodings serveStatic looks for beside a file, by suffix. */
const COPY = /\.(br|gz|zst)$/;

/** The copy decoded, or null for an encoding this Node cannot decode (zstd) or a broken copy. */
function decoded(path: string): Buffer | null {
  try {
    if (path.endsWith('.br')) return brotliDecompressSync(readFileSync(path));
    if (path.endsWith('.gz')) return gunzipSync(readFileSync(path));
  } catch {
    // a truncated or corrupt copy: stale as well
  }
  return null;
}

/**
 * Compressed copies (file.br, file.gz, file.zst) that do not decode to their file: the file changed
 * after the build, is gone, or the copy cannot be read. Compared by content, not by date (a plain
 * `cp -r` of the build gives every file a new date). Paths relative to `dir`. About 6–10 ms for the
 * app's build, once per start.
 */
export function staleCopies(dir: string): string[] {
  const originals = new Map<string, Buffer | null>();
  const original = (path: string): Buffer | null => {
    if (!originals.has(path)) originals.set(path, existsSync(path) ? readFileSync(path) : null);
    return originals.get(path) ?? null;
  };
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => {
    if (!COPY.test(name)) return false;
    const copy = decoded(join(dir, name));
    const file = original(join(dir, name.replace(COPY, '')));
    return !copy || !file || !copy.equals(file);
  });
}

/**
 * null when `dir` holds no index.html: the bridge then answers pages with "run npm run build".
 * With a stale compressed copy anywhere in `dir` (see staleCopies), no copy is sent, only the files
 * themselves: a browser must never run old code because a file was patched after the build.
 */
export function nodeAssets(dir: string | null, log?: Logger): Assets | null {
  if (dir === null || !existsSync(join(dir, 'index.html'))) return null;
  const stale = staleCopies(dir);
  if (stale.length > 0)
    log?.warn('compressed copies that do not match their files: serving the files uncompressed; rebuild', {
      dir,
      stale: stale.slice(0, 10).join(', '),
      count: stale.length,
    });
  // precompressed: file.br or file.gz beside a file (written by the build, web/precompress.ts) is
  // sent instead when the browser accepts it, with Vary: Accept-Encoding
  const precompressed = stale.length === 0;
  return {
    files: serveStatic({ root: dir, precompressed, onFound: setCache }),
    index: serveStatic({ root: dir, path: 'index.html', precompressed, onFound: noCache }),
  };
}
