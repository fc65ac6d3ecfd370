import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('does not serve files outside its directory', async () => {
    const res = await fetch(`${b.url}/..%2f..%2fetc%2fpasswd`);
    expect(res.status).toBe(404);
  });
});
