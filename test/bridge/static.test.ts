import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../web/precompress.ts';
import { startTestBridge, type TestBridge } from './helpers/bridge.ts';

describe('the built PWA', () => {
  let dir: string;
  let b: TestBridge;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bridge-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>shell</title>');
    writeFileSync(join(dir, 'assets', 'index-3f9a1c.js'), 'console.log(1)');
    writeFileSync(join(dir, 'sw.js'), 'self.x=1');
    writeFileSync(join(dir, 'manifest.webmanifest'), '{}');
    writeFileSync(join(dir, 'assets', 'app-77aa01.js'), BIG_SCRIPT);
    precompressDir(dir);
    b = await startTestBridge({ staticDir: dir });
  });
  afterAll(async () => {
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const html = { accept: 'text/html,application/xhtml+xml' };

  it('serves index.html at / without long-term caching', async () => {
    const res = await fetch(`${b.url}/`, { headers: html });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('shell');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('caches hashed assets for a year as immutable, and revalidates the service worker and manifest', async () => {
    const asset = await fetch(`${b.url}/assets/index-3f9a1c.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/sw.js', '/manifest.webmanifest']) {
      const res = await fetch(`${b.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('answers page navigations to app routes with the shell', async () => {
    for (const path of ['/analytics/realtime', '/analytics/campaigns/c1', '/anything/else']) {
      const res = await fetch(`${b.url}${path}`, { headers: html });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('shell');
    }
  });

  it('never answers API paths or missing files with the shell', async () => {
    const api = await fetch(`${b.url}/analytics/campaigns/nope/metrics`, { headers: html });
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'not_found' } });
    for (const path of ['/assets/missing-123.js', '/analytics/unknown']) {
      const res = await fetch(`${b.url}${path}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('sends the build’s brotli or gzip copy to a browser that accepts it, and the file itself otherwise', async () => {
    const path = '/assets/app-77aa01.js';
    const br = await rawGet(`${b.url}${path}`, 'gzip, deflate, br, zstd');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('Accept-Encoding');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.body.length).toBeLessThan(BIG_SCRIPT.length / 3);
    expect(brotliDecompressSync(br.body).toString()).toBe(BIG_SCRIPT);
    const gz = await rawGet(`${b.url}${path}`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(BIG_SCRIPT);
    const plain = await rawGet(`${b.url}${path}`, undefined);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(BIG_SCRIPT);
    // a file too small to have copies is sent as it is, whatever the browser accepts
    const small = await rawGet(`${b.url}/assets/index-3f9a1c.js`, 'br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString()).toBe('console.log(1)');
  });

  it('does not serve files outside its directory', async () => {
    const res = await fetch(`${b.url}/..%2f..%2fetc%2fpasswd`);
    expect(res.status).toBe(404);
  });
});

/** A script of a few KB, as a built chunk is: worth compressing. */
const BIG_SCRIPT = Array.from({ length: 200 }, (_, i) => `export const value${i} = ${i} * 2;`).join('\n');

/** GET with the given Accept-Encoding (none: the header is left out), the body as sent. */
function rawGet(
  url: string,
  acceptEncoding: string | undefined,
): Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('a build whose compressed copies do not match its files', () => {
  let dir: string;
  let b: TestBridge;
  const warnings: string[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bridge-stale-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>shell</title>');
    writeFileSync(join(dir, 'sw.js'), `// old worker\n${BIG_SCRIPT}`);
    precompressDir(dir);
    // patched after the build, as a hand fix or a half-finished copy would leave it
    writeFileSync(join(dir, 'sw.js'), `// new worker\n${BIG_SCRIPT}`);
    const log = {
      info: () => {},
      warn: (msg: string, fields?: Record<string, unknown>) =>
        warnings.push(`${msg} ${JSON.stringify(fields)}`),
      error: () => {},
    };
    b = await startTestBridge({ staticDir: dir }, { log });
  });
  afterAll(async () => {
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the files themselves, never the old bytes, and says which copies are stale', async () => {
    const res = await rawGet(`${b.url}/sw.js`, 'gzip, deflate, br, zstd');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toContain('// new worker');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('sw.js.br');
    expect(warnings[0]).toContain('sw.js.gz');
  });
});
