// Wall mode set up entirely from a link, in Chromium against the built app: remembered on the
// device, dark, large type, the screen kept on (and its state shown honestly), rotation through
// the chosen campaigns; plus the 1280×800 screenshot of a wall, kept as a test artifact.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from './support/browser.ts';
import {
  fakeVisibility,
  launchPwaBrowser,
  type MovableStack,
  STEP_TIMEOUT_MS,
  startMovableStack,
} from './support/pwa.ts';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

/** Counts wake lock requests and keeps the sentinels, so the page's claims can be checked against the browser. */
function recordWakeLock(): void {
  const w = window as unknown as {
    __wakeLock: { requests: number; sentinels: WakeLockSentinel[]; errors: string[] };
  };
  w.__wakeLock = { requests: 0, sentinels: [], errors: [] };
  const api = navigator.wakeLock;
  if (!api) return;
  const original = api.request.bind(api);
  api.request = async (type?: WakeLockType) => {
    w.__wakeLock.requests++;
    try {
      const s = await original(type);
      w.__wakeLock.sentinels.push(s);
      return s;
    } catch (err) {
      w.__wakeLock.errors.push(String(err));
      throw err;
    }
  };
}

interface WakeLockRecord {
  requests: number;
  held: boolean;
  errors: string[];
}

const wakeLockRecord = (page: Page): Promise<WakeLockRecord> =>
  page.evaluate(() => {
    const r = (
      window as unknown as {
        __wakeLock: { requests: number; sentinels: WakeLockSentinel[]; errors: string[] };
      }
    ).__wakeLock;
    return { requests: r.requests, held: r.sentinels.some((s) => !s.released), errors: r.errors };
  });

let stack: MovableStack;
let browser: Browser;
let page: Page;
const WALL_LINK = '/?mode=wall&campaigns=camp-01,camp-02&rotate=5&theme=dark';

beforeAll(async () => {
  stack = await startMovableStack();
  browser = await launchPwaBrowser({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  await browser.context.addInitScript(recordWakeLock);
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const html = (page: Page) =>
  page.evaluate(() => ({
    mode: document.documentElement.dataset.mode,
    theme: document.documentElement.dataset.theme,
    fontSize: getComputedStyle(document.documentElement).fontSize,
  }));
const path = () => new URL(page.url()).pathname;
const wakeState = () => page.getAttribute('[data-testid="wake-lock-state"]', 'data-state');

describe('wall mode from a link', () => {
  it('turns the page into a dark wall with large type, even on a device that prefers light', async () => {
    await page.goto(`${stack.url}${WALL_LINK}`);
    await expect.poll(async () => (await html(page)).mode, { timeout: STEP_TIMEOUT_MS }).toBe('wall');
    const root = await html(page);
    expect(root.theme).toBe('dark');
    // readable from 5 m: the wall's root type is at least 20 px (browser default 16)
    expect(Number.parseFloat(root.fontSize)).toBeGreaterThanOrEqual(20);
    expect(await page.locator('[data-testid="wall-toolbar"]').isVisible()).toBe(true);
  });

  it('asks for the screen wake lock and shows the state the browser actually gave', async () => {
    await expect
      .poll(async () => (await wakeLockRecord(page)).requests, { timeout: STEP_TIMEOUT_MS })
      .toBeGreaterThan(0);
    await expect.poll(wakeState, { timeout: STEP_TIMEOUT_MS }).not.toBe('released');
    const record = await wakeLockRecord(page);
    const shown = await wakeState();
    const text = await page.textContent('[data-testid="wake-lock-state"]');
    // headless Chromium may grant or refuse the lock: either way the chip must tell the truth
    if (record.held) {
      expect(shown).toBe('active');
      expect(text).toContain('Screen stays on');
    } else {
      expect(record.errors.length).toBeGreaterThan(0);
      expect(shown).toBe('denied');
      expect(text).toContain('wake lock refused');
    }
  });

  it('asks again for the wake lock when the page is shown after the lock was dropped', async () => {
    const before = await wakeLockRecord(page);
    if (before.held) {
      // (where the lock is refused there is nothing to drop; the test above checked the refusal is shown)
      // what the browser does when a page is hidden: it releases the lock
      await page.evaluate(() =>
        Promise.all(
          (window as unknown as { __wakeLock: { sentinels: WakeLockSentinel[] } }).__wakeLock.sentinels.map(
            (s) => s.release(),
          ),
        ),
      );
      await expect.poll(wakeState, { timeout: STEP_TIMEOUT_MS }).toBe('released');
      expect(await page.textContent('[data-testid="wake-lock-state"]')).toContain('Screen may sleep');
      await fakeVisibility(page, 'hidden');
      await fakeVisibility(page, 'visible');
      await expect.poll(wakeState, { timeout: STEP_TIMEOUT_MS }).toBe('active');
      const after = await wakeLockRecord(page);
      expect(after.requests).toBeGreaterThan(before.requests);
      expect(after.held).toBe(true);
    }
  });

  it('rotates through the chosen campaigns, one page each, and says where it is', async () => {
    // rotate=5 is raised to the 10 s minimum (a faster wall cannot be read)
    expect(await page.textContent('[data-testid="rotation-indicator"]')).toContain('every 10 s');
    await expect.poll(path, { timeout: STEP_TIMEOUT_MS, interval: 250 }).toBe('/analytics/campaigns/camp-01');
    await expect
      .poll(() => page.textContent('[data-testid="rotation-indicator"]'), { timeout: STEP_TIMEOUT_MS })
      .toContain('1 / 2');
    await expect.poll(path, { timeout: STEP_TIMEOUT_MS, interval: 250 }).toBe('/analytics/campaigns/camp-02');
    await expect
      .poll(() => page.textContent('[data-testid="rotation-indicator"]'), { timeout: STEP_TIMEOUT_MS })
      .toContain('2 / 2');
    await expect.poll(() => page.textContent('main h1'), { timeout: STEP_TIMEOUT_MS }).not.toBe('camp-02');
  });

  it('remembers the set-up: opened again without the query, it is the same wall', async () => {
    await page.goto(`${stack.url}/analytics/realtime`);
    await expect.poll(async () => (await html(page)).mode, { timeout: STEP_TIMEOUT_MS }).toBe('wall');
    expect((await html(page)).theme).toBe('dark');
    expect(await page.textContent('[data-testid="rotation-indicator"]')).toMatch(/\/ 2 · every 10 s/);
    const stored = await page.evaluate(() => localStorage.getItem('wallboard.settings'));
    expect(JSON.parse(stored ?? 'null')).toEqual({
      mode: 'wall',
      campaigns: ['camp-01', 'camp-02'],
      rotateSeconds: 10,
      theme: 'dark',
    });
  });

  it('keeps a 1280×800 screenshot of the dark wall with live data', async () => {
    await page.goto(`${stack.url}/analytics/realtime`);
    await expect
      .poll(() => page.textContent('.connection-status'), { timeout: STEP_TIMEOUT_MS })
      .toMatch(/WebSocket · updated/);
    await expect
      .poll(() => page.locator('.campaign-card').count(), { timeout: STEP_TIMEOUT_MS })
      .toBeGreaterThan(0);
    await page.waitForTimeout(2_500); // let the charts draw a few points
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}wall-1280x800-dark.png` });
    const camp = `${ARTIFACTS}wall-1280x800-dark-campaign.png`;
    await page.goto(`${stack.url}/analytics/campaigns/camp-01`);
    await expect.poll(() => page.locator('.kpi').count(), { timeout: STEP_TIMEOUT_MS }).toBe(1);
    await page.waitForTimeout(2_500);
    await page.screenshot({ path: camp });
  });

  it('leaves wall mode with ?mode=normal and forgets the wall', async () => {
    await page.goto(`${stack.url}/analytics/realtime?mode=normal`);
    await expect.poll(async () => (await html(page)).mode, { timeout: STEP_TIMEOUT_MS }).toBe('normal');
    expect((await html(page)).theme).toBe('light'); // the device prefers light
    expect(await page.locator('[data-testid="wall-toolbar"]').count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('wallboard.settings'))).toBeNull();
  });
});
