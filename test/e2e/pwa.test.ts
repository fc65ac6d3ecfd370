// Installable and offline-capable, checked in Chromium against the built app served by the bridge:
// no installability errors, the manifest the issue asks for, a service worker that controls the
// page, and that worker keeping its hands off the bridge's API, event stream and socket.
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from './support/browser.ts';
import {
  launchPwaBrowser,
  loadUnderWorker,
  STEP_TIMEOUT_MS,
  snapshotBuild,
  workerState,
} from './support/pwa.ts';
import { type Stack, startStack } from './support/stack.ts';

interface ManifestIcon {
  src: string;
  sizes: string;
  type?: string;
  purpose?: string;
}

let stack: Stack;
let build: Awaited<ReturnType<typeof snapshotBuild>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // a private copy: dist/web may be rebuilt by another run while this one serves it
  build = await snapshotBuild();
  stack = await startStack({ bridge: { staticDir: build.dir } });
  browser = await launchPwaBrowser();
  page = await browser.context.newPage();
  await loadUnderWorker(page, `${stack.url}/analytics/realtime`);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  build?.dispose();
});

describe('the installable app', () => {
  it('has no installability errors in Chromium', async () => {
    const cdp = await browser.context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const { errors } = await cdp.send('Page.getAppManifest');
    expect(errors).toEqual([]);
    await cdp.detach();
  });

  it('declares name, colours, standalone display and 192, 512 and maskable icons in its manifest', async () => {
    const href = await page.getAttribute('link[rel="manifest"]', 'href');
    expect(href).toBeTruthy();
    const res = await page.request.get(new URL(href ?? '', stack.url).href);
    expect(res.ok()).toBe(true);
    const m = (await res.json()) as Record<string, unknown> & { icons: ManifestIcon[] };
    expect(m).toMatchObject({
      name: 'Campaign Wallboard',
      short_name: 'Wallboard',
      display: 'standalone',
      theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
      background_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
      start_url: '/analytics/realtime',
    });
    expect(String(m.description).length).toBeGreaterThan(20);
    const sizes = (purpose: string) =>
      m.icons.filter((i) => (i.purpose ?? 'any').split(' ').includes(purpose)).map((i) => i.sizes);
    expect(sizes('any')).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(sizes('maskable')).toContain('512x512');
    // every icon is served as the PNG it claims to be
    for (const icon of m.icons) {
      const r = await page.request.get(new URL(icon.src, stack.url).href);
      expect(r.status(), icon.src).toBe(200);
      expect(r.headers()['content-type'], icon.src).toContain('image/png');
    }
  });

  it('has an activated service worker that controls the page after a reload', async () => {
    const sw = await workerState(page);
    expect(sw).toEqual({ controlled: true, activeState: 'activated', scope: `${stack.url}/` });
    // the app shell itself now comes from the worker's precache
    const shell = await page.reload();
    expect(shell?.fromServiceWorker()).toBe(true);
  });
});

describe('what the service worker leaves to the network', () => {
  it('serves live data over the WebSocket while the worker controls the page', async () => {
    await expect
      .poll(() => page.textContent('.connection-status'), { timeout: STEP_TIMEOUT_MS })
      .toMatch(/^\W*WebSocket · updated/);
  });

  it('never answers REST or the event stream from the worker', async () => {
    const seen: Response[] = [];
    const onResponse = (r: Response) => {
      if (new URL(r.url()).pathname.startsWith('/analytics/') && r.request().resourceType() !== 'document')
        seen.push(r);
    };
    page.on('response', onResponse);
    try {
      await page.evaluate(async () => {
        await (await fetch('/analytics/metrics')).json();
        await (await fetch('/analytics/campaigns/camp-01/metrics')).json();
        await (await fetch('/analytics/system/health')).text();
        // the event stream: open it, wait for its first event, close it
        await new Promise<void>((resolve, reject) => {
          const es = new EventSource('/analytics/stream');
          const timer = setTimeout(() => {
            es.close();
            reject(new Error('no event from /analytics/stream within 10 s'));
          }, 10_000);
          es.addEventListener('snapshot', () => {
            clearTimeout(timer);
            es.close();
            resolve();
          });
        });
      });
      await expect.poll(() => seen.length, { timeout: STEP_TIMEOUT_MS }).toBeGreaterThanOrEqual(4);
    } finally {
      page.off('response', onResponse);
    }
    const paths = seen.map((r) => new URL(r.url()).pathname);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/analytics/metrics',
        '/analytics/campaigns/camp-01/metrics',
        '/analytics/system/health',
        '/analytics/stream',
      ]),
    );
    for (const r of seen) expect(r.fromServiceWorker(), r.url()).toBe(false);
  });

  it.each([
    ['/analytics/metrics', 'application/json'],
    ['/analytics/campaigns/camp-01/metrics', 'application/json'],
    ['/analytics/system/health', 'application/json'],
    ['/healthz', 'application/json'],
  ])('lets a navigation to %s reach the bridge instead of the app shell', async (path, type) => {
    const other = await browser.context.newPage();
    try {
      const res = await other.goto(`${stack.url}${path}`);
      expect(res?.fromServiceWorker()).toBe(false);
      expect(res?.headers()['content-type']).toContain(type);
      expect(await other.locator('#root').count()).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('answers a navigation to an app page from the precache (the contrast to the API paths)', async () => {
    const other = await browser.context.newPage();
    try {
      const res = await other.goto(`${stack.url}/analytics/campaigns/camp-01`);
      expect(res?.fromServiceWorker()).toBe(true);
      await expect
        .poll(() => other.locator('#root h1').count(), { timeout: STEP_TIMEOUT_MS })
        .toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });

  it('lets the socket path through to the bridge', async () => {
    const other = await browser.context.newPage();
    try {
      const res = await other.goto(`${stack.url}/ws`);
      expect(res?.fromServiceWorker()).toBe(false);
      expect(await other.locator('#root').count()).toBe(0);
    } finally {
      await other.close();
    }
  });
});
