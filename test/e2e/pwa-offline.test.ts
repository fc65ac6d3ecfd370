// Offline, in Chromium against the built app: the last data is kept on the device, the app opens
// from the service worker's cache without a network, shows that data with "Offline since hh:mm"
// and stale marks that are words and icons (not only colour), and catches up by itself.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from './support/browser.ts';
import {
  kpiTexts,
  launchPwaBrowser,
  loadUnderWorker,
  type MovableStack,
  parseCount,
  STEP_TIMEOUT_MS,
  savedSummary,
  startMovableStack,
} from './support/pwa.ts';

let stack: MovableStack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  stack = await startMovableStack();
  browser = await launchPwaBrowser();
  page = await browser.context.newPage();
  await loadUnderWorker(page, `${stack.url}/analytics/realtime`);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const status = () => page.textContent('.connection-status');

describe('offline', () => {
  let shownOffline: Record<string, string>;

  it('keeps the live data on the device while online', async () => {
    await expect.poll(status, { timeout: STEP_TIMEOUT_MS }).toMatch(/WebSocket · updated/);
    await expect
      .poll(async () => (await savedSummary(page))?.campaigns ?? 0, { timeout: STEP_TIMEOUT_MS })
      .toBeGreaterThan(0);
    expect(await page.locator('[data-testid="offline-mark"]').count()).toBe(0);
  });

  it('marks the screen offline as soon as the network goes, keeping the last numbers', async () => {
    // both: the browser's own offline flag and the origin really gone (setOffline does not cover
    // every request a service worker or socket makes)
    await browser.context.setOffline(true);
    await stack.stopBridge();
    await expect(page.locator('[data-testid="offline-mark"]').textContent()).resolves.toMatch(
      /Offline since \d\d:\d\d/,
    );
    shownOffline = await kpiTexts(page);
    expect(Object.keys(shownOffline).sort()).toEqual([
      'activeCalls',
      'dialingRate',
      'queueDepth',
      'totalAttempts',
    ]);
    // the device copy catches up with the screen (saves are throttled, not skipped)
    await expect
      .poll(async () => (await savedSummary(page))?.totalAttempts, { timeout: STEP_TIMEOUT_MS })
      .toBe(parseCount(shownOffline.totalAttempts));
    expect((await savedSummary(page))?.totalActiveCalls).toBe(parseCount(shownOffline.activeCalls));
  });

  it('opens from the service worker with no network and shows the same last numbers, marked offline', async () => {
    const saved = await savedSummary(page);
    const res = await page.reload();
    expect(res?.fromServiceWorker()).toBe(true);
    await expect.poll(() => kpiTexts(page), { timeout: STEP_TIMEOUT_MS }).toEqual(shownOffline);
    const mark = page.locator('[data-testid="offline-mark"]');
    await expect.poll(() => mark.count(), { timeout: STEP_TIMEOUT_MS }).toBe(1);
    // since the newest data held, in the page's own clock and zone
    const expected = await page.evaluate((t) => {
      const d = new Date(t);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `Offline since ${pad(d.getHours())}:${pad(d.getMinutes())}`;
    }, saved?.lastUpdate ?? 0);
    expect(await mark.textContent()).toContain(expected);
    expect(await mark.getAttribute('role')).toBe('status');
    expect(await status()).toMatch(/^\W*Offline · data from \d\d:\d\d/);
  });

  it('marks tiles and cards stale with words once the data is older than a few updates', async () => {
    await expect
      .poll(() => page.getAttribute('.kpi', 'data-fresh'), { timeout: STEP_TIMEOUT_MS })
      .toBe('stale');
    const kpiMarker = page.locator('.kpi .stale-marker:not([data-reserved])');
    await expect
      .poll(() => kpiMarker.textContent(), { timeout: STEP_TIMEOUT_MS })
      .toMatch(/Stale · \d+ (s|min) ago/);
    expect(await kpiMarker.isVisible()).toBe(true);
    const cards = await page.$$eval('.campaign-card', (els) =>
      els.map((el) => ({
        fresh: (el as HTMLElement).dataset.fresh,
        marker: el.querySelector('.stale-marker')?.textContent ?? null,
      })),
    );
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(card.fresh).toBe('stale');
      expect(card.marker).toMatch(/Stale/);
    }
  });

  it('catches up by itself when the network returns: mark gone, live over the WebSocket, new numbers', async () => {
    await stack.startBridge();
    await browser.context.setOffline(false);
    await expect
      .poll(() => page.locator('[data-testid="offline-mark"]').count(), { timeout: STEP_TIMEOUT_MS })
      .toBe(0);
    await expect.poll(status, { timeout: STEP_TIMEOUT_MS }).toMatch(/^\W*WebSocket · updated/);
    await expect
      .poll(() => page.getAttribute('.kpi', 'data-fresh'), { timeout: STEP_TIMEOUT_MS })
      .toBe('fresh');
    // gone, its line kept (invisible) so nothing below moves
    expect(await page.locator('.kpi .stale-marker:not([data-reserved])').count()).toBe(0);
    expect(await page.locator('.kpi .stale-marker[data-reserved]').isVisible()).toBe(false);
    // the simulator kept dialing while we were away: the screen shows today's count, not the saved one
    await expect
      .poll(async () => parseCount((await kpiTexts(page)).totalAttempts), { timeout: STEP_TIMEOUT_MS })
      .toBeGreaterThan(parseCount(shownOffline.totalAttempts));
  });
});
