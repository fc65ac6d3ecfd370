// The dashboard in Chromium against the real bridge and simulator: the overview and a campaign page
// show exactly the numbers the bridge's REST API gives, formatted by the app's own formatters.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MetricsResponse } from '../../bridge/protocol/index.ts';
import { type Browser, launchBrowser } from './support/browser.ts';
import {
  expectShownToEqualRest,
  getJson,
  readCampaignPage,
  readOverview,
  readStatus,
  restCampaignPage,
  restOverview,
  STATUS_SELECTOR,
  waitForChannel,
} from './support/dashboard.ts';
import { type FreezableDialer, freezableDialer } from './support/freezableDialer.ts';
import { type Stack, startStack } from './support/stack.ts';

/** The app renders from deferred module scripts: DOMContentLoaded is enough, and a loaded machine gets time. */
const GOTO = { waitUntil: 'domcontentloaded', timeout: 60_000 } as const;
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

let stack: Stack;
let browser: Browser;
let page: Page;
let dialer: FreezableDialer;

beforeAll(async () => {
  dialer = freezableDialer({ seed: 11, campaigns: 6 });
  stack = await startStack({ simulator: { dialer } });
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** A screenshot of the page as it was when a test failed, for whoever reads the failure. */
function screenshotOnFailure(onTestFailed: (fn: () => Promise<void>) => void, name: string): void {
  onTestFailed(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}dashboard-${name}.png`, fullPage: true }).catch(() => {});
  });
}

/** Run `body` with the simulated clock stopped, so the screen and REST can be compared exactly. */
async function frozen<T>(body: () => Promise<T>): Promise<T> {
  dialer.freeze();
  try {
    return await body();
  } finally {
    dialer.thaw();
  }
}

describe('the dashboard against the real bridge', () => {
  test('the root URL lands on the realtime overview, which says it is live over WebSocket', async ({
    onTestFailed,
  }) => {
    screenshotOnFailure(onTestFailed, 'landing');
    await page.goto(`${stack.url}/`, GOTO);
    await page.waitForURL(/\/analytics\/realtime$/, { timeout: 30_000 });
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('realtime');
    await waitForChannel(page, 'WebSocket', 30_000);
    const status = page.getByRole('status').filter({ hasText: 'WebSocket' });
    expect(await status.count()).toBe(1);
    expect(await status.getAttribute('class')).toContain('connection-status');
    // live data arrived: the indicator dates it instead of saying there is none
    await page.waitForFunction(
      (sel) => /updated/.test(document.querySelector(sel)?.textContent ?? ''),
      STATUS_SELECTOR,
      { timeout: 30_000 },
    );
    expect((await readStatus(page)).state).toBe('live');
  });

  test('the numbers on the overview follow the live feed', async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, 'live');
    const seen = new Set<string>();
    const deadline = Date.now() + 60_000;
    // three different readings of the four tiles: the screen moves with the simulator, not only on load
    while (seen.size < 3) {
      if (Date.now() > deadline) throw new Error(`the KPI tiles changed only ${seen.size - 1} times in 60 s`);
      const { kpi } = await readOverview(page);
      seen.add(JSON.stringify(kpi));
      await new Promise((r) => setTimeout(r, 200));
    }
    expect((await readStatus(page)).channel).toBe('WebSocket');
  });

  test('once the dialer holds still, every number on the overview equals the bridge’s REST answer', async ({
    onTestFailed,
  }) => {
    screenshotOnFailure(onTestFailed, 'overview-equals-rest');
    // one campaign paused by hand, so a status other than Active is on screen too
    const active = dialer.metrics().find((c) => c.status === 'active');
    expect(active, 'an active campaign to pause').toBeDefined();
    dialer.pause(active!.campaignId);
    try {
      await expect
        .poll(
          async () =>
            (await getJson<MetricsResponse>(`${stack.url}/analytics/metrics`)).campaigns.find(
              (c) => c.campaignId === active!.campaignId,
            )?.status,
          { timeout: 30_000, interval: 100 },
        )
        .toBe('paused');
      const shown = await frozen(() =>
        expectShownToEqualRest(
          () => readOverview(page),
          () => restOverview(stack.url),
        ),
      );
      // the comparison is about real numbers, not two empty screens
      expect(Object.keys(shown.cards)).toHaveLength(6);
      expect(shown.cards[active!.campaignId]?.status).toBe('paused');
      expect(Number(shown.kpi.totalAttempts.replaceAll(',', ''))).toBeGreaterThan(0);
      expect(shown.health['CPU Usage']).toMatch(/^\d+\.\d %$/);
    } finally {
      dialer.resume(active!.campaignId);
    }
  });

  test('every live number fits the box reserved for it, in normal type and on a wall', async ({
    onTestFailed,
  }) => {
    screenshotOnFailure(onTestFailed, 'live-boxes');
    // Live values sit in size-contained boxes whose width the app reserves from the text
    // (LiveText.tsx): a box narrower than its text would let the number run into its neighbour.
    // Checked in the fonts this browser really renders, at the normal and the wall's type size.
    const clipped = () =>
      page.evaluate(() => {
        const boxes = [...document.querySelectorAll<HTMLElement>('.live')];
        return {
          count: boxes.length,
          clipped: boxes
            .filter((b) => b.scrollWidth > b.clientWidth)
            .map(
              (b) =>
                `"${b.textContent}" ${b.scrollWidth}×${b.scrollHeight} in ${b.clientWidth}×${b.clientHeight}`,
            ),
        };
      });
    await page.goto(`${stack.url}/analytics/realtime`, GOTO);
    await expect.poll(async () => (await clipped()).count, { timeout: 30_000 }).toBeGreaterThan(6 * 10);
    expect((await clipped()).clipped).toEqual([]);
    const wall = await browser.context.newPage();
    try {
      await wall.setViewportSize({ width: 1280, height: 800 });
      await wall.goto(`${stack.url}/analytics/realtime?mode=wall&rotate=0`, GOTO);
      await wall.locator('.live').first().waitFor({ timeout: 30_000 });
      const onWall = await wall.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.live')]
          .filter((b) => b.offsetParent !== null && b.scrollWidth > b.clientWidth)
          .map(
            (b) =>
              `"${b.textContent}" ${b.scrollWidth}×${b.scrollHeight} in ${b.clientWidth}×${b.clientHeight}`,
          ),
      );
      expect(onWall).toEqual([]);
    } finally {
      await wall.goto(`${stack.url}/analytics/realtime?mode=normal`, GOTO).catch(() => {});
      await wall.close();
    }
  });

  test('campaign cards fill as many columns of at least 20rem as the list is wide, like a grid', async ({
    onTestFailed,
  }) => {
    screenshotOnFailure(onTestFailed, 'card-columns');
    await page.goto(`${stack.url}/analytics/realtime`, GOTO);
    await page.locator('.campaign-card').nth(5).waitFor({ timeout: 30_000 });
    try {
      for (const width of [360, 700, 1000, 1280, 1500, 1920]) {
        await page.setViewportSize({ width, height: 900 });
        const { listWidth, remPx, lefts, widths } = await page.evaluate(() => {
          const list = document.querySelector('.campaign-list') as HTMLElement;
          const items = [...list.children].map((li) => li.getBoundingClientRect());
          return {
            listWidth: list.getBoundingClientRect().width,
            remPx: Number.parseFloat(getComputedStyle(document.documentElement).fontSize),
            lefts: [...new Set(items.map((r) => Math.round(r.left)))],
            widths: [...new Set(items.map((r) => Math.round(r.width)))],
          };
        });
        // what repeat(auto-fill, minmax(20rem, 1fr)) with a 0.75rem gap gives (6 cards here)
        const columns = Math.max(1, Math.floor((listWidth + 0.75 * remPx) / (20.75 * remPx)));
        expect(lefts, `${width} px`).toHaveLength(Math.min(columns, 6));
        expect(widths, `${width} px: every card as wide as the others`).toHaveLength(1);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  test('a campaign’s page, reached from its card, shows that campaign’s REST numbers', async ({
    onTestFailed,
  }) => {
    screenshotOnFailure(onTestFailed, 'campaign-equals-rest');
    const metrics = await getJson<MetricsResponse>(`${stack.url}/analytics/metrics`);
    // the campaign with the most attempts: its numbers are the least likely to be all zeros
    const target = [...metrics.campaigns].sort((a, b) => b.totalAttempts - a.totalAttempts)[0]!;
    await page.getByRole('link', { name: target.name, exact: true }).click();
    await page.waitForURL(new RegExp(`/analytics/campaigns/${target.campaignId}$`), { timeout: 30_000 });
    const shown = await frozen(() =>
      expectShownToEqualRest(
        () => readCampaignPage(page),
        () => restCampaignPage(stack.url, target.campaignId),
      ),
    );
    expect(shown.name).toBe(target.name);
    expect(Number(shown.kpi.totalAttempts.replaceAll(',', ''))).toBeGreaterThan(0);
    // the page change kept the one connection: still on WebSocket, exactly one socket on the bridge
    expect((await readStatus(page)).channel).toBe('WebSocket');
    expect(stack.bridge.bridge.hub.stats()).toMatchObject({ ws: 1, sse: 0 });
  });

  test('every open page holds exactly one connection to the bridge, and a closed page lets it go', async ({
    onTestFailed,
  }) => {
    screenshotOnFailure(onTestFailed, 'one-connection-per-page');
    const hub = () => stack.bridge.bridge.hub.stats();
    const until = async (what: string, cond: () => boolean) => {
      const deadline = Date.now() + 30_000;
      while (!cond()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(hub())}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const second = await browser.context.newPage();
    try {
      await second.goto(`${stack.url}/analytics/realtime`, GOTO);
      await waitForChannel(second, 'WebSocket', 30_000);
      await until('two WebSockets for two pages', () => hub().ws === 2);
      expect(hub()).toMatchObject({ ws: 2, sse: 0 });
    } finally {
      await second.close();
    }
    await until('one WebSocket once the second page is closed', () => hub().ws === 1);
    expect(hub()).toMatchObject({ ws: 1, sse: 0 });
  });
});

test('the app’s scripts and stylesheet reach the browser compressed, and run', async () => {
  // a profile of its own with service workers blocked: every file comes from the bridge, not a cache
  const fresh = await launchBrowser({ serviceWorkers: 'block' });
  try {
    const tab = await fresh.context.newPage();
    await tab.goto(`${stack.url}/analytics/realtime`, GOTO);
    await waitForChannel(tab, 'WebSocket', 30_000);
    const files = await tab.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e as PerformanceResourceTiming)
        .filter((e) => /\/assets\/.+\.(js|css)$/.test(new URL(e.name).pathname))
        .map((e) => ({ name: e.name, encoded: e.encodedBodySize, decoded: e.decodedBodySize })),
    );
    // the first-paint script, its stylesheet, and the chart chunk
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      expect(f.decoded, f.name).toBeGreaterThan(1024);
      expect(f.encoded, f.name).toBeLessThan(f.decoded / 2.5);
    }
  } finally {
    await fresh.close();
  }
});
