import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, test } from 'vitest';
import { precompressDir } from '../../web/precompress.ts';

describe('precompressDir', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('writes brotli and gzip copies of text files of 1 KB or more, in every folder, each decoding to the file', () => {
    dir = mkdtempSync(join(tmpdir(), 'precompress-'));
    mkdirSync(join(dir, 'assets'));
    const css = '.tile { color: red; }\n'.repeat(100);
    const html = `<!doctype html>${'<p>shell</p>'.repeat(100)}`;
    writeFileSync(join(dir, 'assets', 'index-1.css'), css);
    writeFileSync(join(dir, 'index.html'), html);
    writeFileSync(join(dir, 'assets', 'tiny-2.js'), 'export {}');
    writeFileSync(join(dir, 'icon.png'), Buffer.alloc(4096, 7));
    expect(precompressDir(dir)).toBe(2);
    for (const [name, text] of [
      ['assets/index-1.css', css],
      ['index.html', html],
    ] as const) {
      expect(brotliDecompressSync(readFileSync(join(dir, `${name}.br`))).toString()).toBe(text);
      expect(gunzipSync(readFileSync(join(dir, `${name}.gz`))).toString()).toBe(text);
      expect(readFileSync(join(dir, `${name}.br`)).length).toBeLessThan(text.length / 10);
    }
    // too small to be worth it, and an image (compressed already)
    for (const name of ['assets/tiny-2.js', 'icon.png'])
      expect([existsSync(join(dir, `${name}.br`)), existsSync(join(dir, `${name}.gz`))]).toEqual([
        false,
        false,
      ]);
  });
});
