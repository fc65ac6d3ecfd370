// Brotli and gzip copies of the built text files (file.js → file.js.br, file.js.gz), written once at
// build time; the bridge sends the one the browser accepts (bridge/node/assets.ts). On a phone's slow
// network the app's script and stylesheet are a third and a fifth of their size on the wire: Lighthouse's simulated
// 4G took the uncompressed 111 KB script and 27 KB stylesheet as they were.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Text files worth compressing; images are compressed already. */
const TEXT = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;
/** Below this a compressed copy saves less than a packet. */
const MIN_BYTES = 1024;

/** Writes path.br and path.gz beside each text file of `dir` of at least MIN_BYTES; returns how many. */
export function precompressDir(dir: string): number {
  let written = 0;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, name);
    if (!TEXT.test(path) || !statSync(path).isFile()) continue;
    const body = readFileSync(path);
    if (body.length < MIN_BYTES) continue;
    writeFileSync(
      `${path}.br`,
      brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }),
    );
    writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
    written++;
  }
  return written;
}

/**
 * The Vite plugin: runs after every other plugin's closeBundle (the service worker is generated in
 * vite-plugin-pwa's), so sw.js and the workbox runtime get their copies too.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'wallboard:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        precompressDir(outDir);
      },
    },
  };
}
