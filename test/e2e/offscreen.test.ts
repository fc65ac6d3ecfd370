// Cards off screen are refreshed every few seconds instead of on every update (createLiveWhenSeen.ts);
// on screen they follow every update, and a card scrolled into view is live at once. In Chromium
// against the real bridge and simulator: the DOM changes each card gets are counted in the page.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ON_SCREEN_MARGIN } from '../../web/src/createOnScreen.ts';
import { type Browser, launchBrowser } from './support/browser.ts';
import { waitForChannel } from './support/dashboard.ts';
import { type Stack, startStack } from './support/stack.ts';

const GOTO = { waitUntil: 'domcontentloaded', timeout: 60_000 } as const;
const CAMPAIGNS = 30;

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // 8 updates per campaign per second: an on-screen card changes many times between two refreshes
  stack = await startStack({ simulator: { seed: 3, campaigns: CAMPAIGNS, metricsHz: 8, speed: 4 } });
  browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
  page = await browser.context.newPage();
  await page.goto(`${stack.url}/analytics/realtime`, GOTO);
  await waitForChannel(page, 'WebSocket', 30_000);
  await page.waitForFunction(
    (n) => document.querySelectorAll('article.campaign-card').length >= n,
    CAMPAIGNS,
    {
      timeout: 30_000,
    },
  );
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

interface CardChanges {
  /** mutation batches on the card's live figures */
  changes: number;
  onScreen: boolean;
  active: boolean;
}

/**
 * How often each card's live figures changed during `ms`, and whether it was on screen (by the app's
 * own margin around the viewport) and active.
 */
async function figureChanges(ms: number): Promise<CardChanges[]> {
  return page.evaluate(
    async ([ms, rootMargin]) => {
      const cards = [...document.querySelectorAll('article.campaign-card')];
      const out = cards.map((card) => ({
        changes: 0,
        onScreen: false,
        active: card.querySelector('.status-badge')?.getAttribute('data-status') === 'active',
      }));
      const seen = new IntersectionObserver(
        (entries) => {
          for (const e of entries) out[cards.indexOf(e.target)]!.onScreen = e.isIntersecting;
        },
        { rootMargin },
      );
      const observers = cards.map((card, i) => {
        seen.observe(card);
        const o = new MutationObserver(() => out[i]!.changes++);
        o.observe(card.querySelector('.card-figures')!, {
          subtree: true,
          characterData: true,
          childList: true,
        });
        return o;
      });
      await new Promise((r) => setTimeout(r, ms));
      for (const o of observers) o.disconnect();
      seen.disconnect();
      return out;
    },
    [ms, ON_SCREEN_MARGIN] as const,
  );
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;

test('cards off screen change a few times in 6 s; the ones on screen many times more', async () => {
  await page.evaluate(() => document.querySelector('.campaigns')?.scrollIntoView());
  const cards = (await figureChanges(6_000)).filter((c) => c.active);
  const on = cards.filter((c) => c.onScreen).map((c) => c.changes);
  const off = cards.filter((c) => !c.onScreen).map((c) => c.changes);
  expect(on.length).toBeGreaterThan(0);
  expect(off.length).toBeGreaterThan(5);
  expect(median(on)).toBeGreaterThan(6);
  // refreshed every 2 s off screen: about 3 in 6 s (one more if a refresh straddles the edge)
  expect(Math.max(...off)).toBeLessThanOrEqual(4);
});

test('cards scrolled into view are live at once: their figures follow every update again', async () => {
  await page.evaluate(() => [...document.querySelectorAll('article.campaign-card')].at(-1)?.scrollIntoView());
  const cards = (await figureChanges(4_000)).filter((c) => c.active && c.onScreen);
  expect(cards.length).toBeGreaterThan(0);
  expect(median(cards.map((c) => c.changes))).toBeGreaterThan(6);
});

/** Per card: whether it is far (the app's mark), whether its details and its figures are rendered, its height. */
const cardParts = () =>
  page.evaluate(() =>
    [...document.querySelectorAll('.campaign-list > li')].map((li) => {
      // every live number in the part is rendered (checkVisibility: no content-visibility: hidden above it)
      const shown = (sel: string) => {
        const live = [...li.querySelectorAll(`${sel} .live`)];
        return live.length > 0 && live.every((el) => el.checkVisibility());
      };
      return {
        far: li.hasAttribute('data-far'),
        details: shown('.rates') && shown('.compliance') && shown('.card-outcomes'),
        // (a card the browser skips as content-visibility: auto still counts: checkVisibility()'s default)
        basics: shown('.card-figures'),
        height: li.getBoundingClientRect().height,
      };
    }),
  );

test('cards far off screen keep their figures rendered but not their details, which return when scrolled to; far again, the card keeps its height', async () => {
  await page.evaluate(() => window.scrollTo(0, 0));
  // settled: the app's observer has reported on the new scroll position (the last card is far)
  await expect.poll(async () => (await cardParts()).at(-1)?.far, { timeout: 10_000 }).toBe(true);
  const before = await cardParts();
  for (const c of before) {
    expect(c.basics).toBe(true);
    expect(c.details).toBe(!c.far);
  }
  // the last card: far now; scrolled into view it is whole
  const last = before.length - 1;
  expect(before[last]!.far).toBe(true);
  const heightBefore = before[last]!.height;
  await page.evaluate(() => document.querySelector('.campaign-list > li:last-child')?.scrollIntoView());
  await expect.poll(async () => (await cardParts())[last]!.details, { timeout: 5_000 }).toBe(true);
  // scrolled back away (far again) it keeps the height it had when whole
  const whole = (await cardParts())[last]!.height;
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(async () => (await cardParts())[last]!.far, { timeout: 5_000 }).toBe(true);
  expect((await cardParts())[last]!.height).toBeCloseTo(whole, 0);
  expect(heightBefore).toBeGreaterThan(0);
});

test('printed, far cards are whole', async () => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(async () => (await cardParts()).at(-1)?.far, { timeout: 10_000 }).toBe(true);
  await page.emulateMedia({ media: 'print' });
  try {
    const parts = await cardParts();
    expect(parts.filter((c) => c.far).length).toBeGreaterThan(0);
    for (const c of parts) expect(c.details).toBe(true);
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
});

test('on load, a card built far off screen is skipped by the browser, and its slot holds a card’s size', async () => {
  // a fresh load: the cards go into slots that were laid out, empty, a frame before (CampaignList.tsx)
  const fresh = await browser.context.newPage();
  try {
    await fresh.goto(`${stack.url}/analytics/realtime`, GOTO);
    await fresh.waitForFunction(
      (n) => document.querySelectorAll('article.campaign-card').length >= n,
      CAMPAIGNS,
      { timeout: 30_000 },
    );
    const slots = await fresh.evaluate(() => {
      const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
      return [...document.querySelectorAll('.campaign-list > li')].map((li) => ({
        top: li.getBoundingClientRect().top,
        heightRem: li.getBoundingClientRect().height / rem,
        // false inside a subtree the browser skips (content-visibility: auto, off screen)
        rendered: li.querySelector('article.campaign-card')?.checkVisibility({ contentVisibilityAuto: true }),
      }));
    });
    // beyond the browser's own margin for content-visibility (about a screen and a half below)
    const far = slots.filter((s) => s.top > 800 * 3);
    expect(far.length).toBeGreaterThan(3);
    for (const s of far) {
      expect(s.rendered).toBe(false);
      // the placeholder's 22rem, not the 0 of an empty slot: the page is as long as its cards
      expect(s.heightRem).toBeGreaterThanOrEqual(20);
    }
  } finally {
    await fresh.close();
  }
});
