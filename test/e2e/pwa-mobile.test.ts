// The supervisor's phone, in Chromium against the built app: a 390×844 screenshot kept as a test
// artifact, nothing wider than a 360 px screen, touch targets of 44 px, reduced motion respected,
// and a hidden page pausing the shell's animations.
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
const PAGES = ['/analytics/realtime', '/analytics/campaigns/camp-01'] as const;

let stack: MovableStack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  stack = await startMovableStack();
  browser = await launchPwaBrowser({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
  });
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function openLive(path: string): Promise<void> {
  await page.goto(`${stack.url}${path}`);
  await expect
    .poll(() => page.textContent('.connection-status'), { timeout: STEP_TIMEOUT_MS })
    .toMatch(/WebSocket · updated/);
  await expect.poll(() => page.locator('.kpi').count(), { timeout: STEP_TIMEOUT_MS }).toBe(1);
}

/** Elements wider than the viewport, for a readable failure. */
const overflow = (p: Page) =>
  p.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(el.getBoundingClientRect().right)}`,
      );
    return { scrollWidth: document.scrollingElement?.scrollWidth ?? 0, wide };
  });

/** Visible controls smaller than 44×44 CSS px (the issue's touch-target floor). */
const smallTargets = (p: Page) =>
  p.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('a[href], button, summary, input, select, [role="button"]')]
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 44 || r.height < 44)
      .map(
        ({ el, r }) =>
          `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`,
      ),
  );

/** Elements that move: a running animation, or a transition of non-zero length. */
const moving = (p: Page) =>
  p.evaluate(() => {
    const seconds = (list: string) => list.split(',').map((s) => Number.parseFloat(s) || 0);
    const found: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('*')) {
      const cs = getComputedStyle(el);
      const name = `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`;
      if (cs.animationName !== 'none' && seconds(cs.animationDuration).some((s) => s > 0))
        found.push(`${name} animation ${cs.animationName}`);
      if (cs.transitionProperty !== 'none' && seconds(cs.transitionDuration).some((s) => s > 0))
        found.push(`${name} transition ${cs.transitionProperty}`);
    }
    return { found, running: document.getAnimations().filter((a) => a.playState === 'running').length };
  });

describe('on a phone', () => {
  it('keeps a 390×844 screenshot of the overview with live data', async () => {
    await openLive('/analytics/realtime');
    await page.waitForTimeout(2_500); // a few chart points
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}phone-390x844.png` });
    await page.screenshot({ path: `${ARTIFACTS}phone-390x844-full.png`, fullPage: true });
  });

  it.each(PAGES)('fits a 360 px wide screen without sideways scrolling on %s', async (path) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await openLive(path);
    const o = await overflow(page);
    expect(o.wide).toEqual([]);
    expect(o.scrollWidth).toBeLessThanOrEqual(360);
  });

  it('fits a 360 px wide screen in wall mode too (a phone used as a wall)', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    await openLive('/analytics/realtime?mode=wall&rotate=0');
    const o = await overflow(page);
    expect(o.wide).toEqual([]);
    expect(o.scrollWidth).toBeLessThanOrEqual(360);
    await page.goto(`${stack.url}/analytics/realtime?mode=normal`);
  });

  it.each(PAGES)('makes every button and link on %s at least 44 px in both directions', async (path) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openLive(path);
    expect(await smallTargets(page)).toEqual([]);
  });

  it('moves nothing when the user asks for reduced motion, and does animate otherwise', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await openLive('/analytics/realtime');
    // the contrast: with no preference the page has transitions, so the check below can fail
    expect((await moving(page)).found.length).toBeGreaterThan(0);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.reload();
    await openLive('/analytics/realtime');
    await page.waitForTimeout(1_000); // a few live updates
    const m = await moving(page);
    expect(m.found).toEqual([]);
    expect(m.running).toBe(0);
  });

  it('pauses the shell when the page is hidden and resumes when it is shown', async () => {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await openLive('/analytics/realtime');
    const visibility = () => page.evaluate(() => document.documentElement.dataset.visibility);
    expect(await visibility()).toBe('visible');
    await fakeVisibility(page, 'hidden');
    expect(await visibility()).toBe('hidden');
    await fakeVisibility(page, 'visible');
    expect(await visibility()).toBe('visible');
    await expect
      .poll(() => page.textContent('.connection-status'), { timeout: STEP_TIMEOUT_MS })
      .toMatch(/WebSocket · updated/);
  });
});
