// The JavaScript a first dashboard paint needs, in gzipped bytes: what the page actually fetched
// before its first contentful paint, and the static module graph index.html declares.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** gzip -9 size of a file of the built PWA, by its URL path ('/assets/index-abc.js'). */
export function gzipSizeOf(distDir: string, urlPath: string): number {
  return gzipSync(readFileSync(join(distDir, decodeURIComponent(urlPath))), { level: 9 }).length;
}

/** The scripts index.html loads or preloads up front (its <script src> and modulepreload links). */
export function staticEntryScripts(indexHtml: string): string[] {
  const out = new Set<string>();
  for (const m of indexHtml.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)) out.add(m[1]!);
  for (const m of indexHtml.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) out.add(m[1]!);
  return [...out];
}

export interface ScriptSizes {
  files: Array<{ path: string; gzipBytes: number }>;
  totalGzipBytes: number;
}

export function sizesOf(distDir: string, paths: readonly string[]): ScriptSizes {
  const files = paths.map((path) => ({ path, gzipBytes: gzipSizeOf(distDir, path) }));
  return { files, totalGzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0) };
}
