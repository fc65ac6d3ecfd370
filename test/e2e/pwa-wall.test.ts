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

  it('leaves wall mode with ?mode=normal and forgets the wall', async () => {
    await page.goto(`${stack.url}/analytics/realtime?mode=normal`);
    await expect.poll(async () => (await html(page)).mode, { timeout: STEP_TIMEOUT_MS }).toBe('normal');
    expect((await html(page)).theme).toBe('light'); // the device prefers light
    expect(await page.locator('[data-testid="wall-toolbar"]').count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('wallboard.settings'))).toBeNull();
  });
});

/** What a person sees of the wall: every figure checked by the layout tests below. */
interface WallLayout {
  scrollHeight: number;
  scrollWidth: number;
  innerHeight: number;
  innerWidth: number;
  toolbar: { top: number; left: number; right: number; bottom: number } | null;
  /** content boxes the toolbar overlaps, by class */
  underToolbar: string[];
  /** content boxes that do not lie wholly inside the viewport */
  outside: string[];
  /** panels whose content is taller or wider than the panel (they clip: `contain: paint`) */
  clipped: string[];
  kpiFontPx: number[];
  /** cards seen whole, cards seen in part (must be none), cards not seen at all; content cut inside a card */
  cards: { whole: number; partial: string[]; hidden: number; clippedInside: string[] };
  /** toolbar controls smaller than 44×44 px or without a name */
  badControls: string[];
}

const wallLayout = (p: Page): Promise<WallLayout> =>
  p.evaluate(() => {
    type Box = { top: number; left: number; right: number; bottom: number };
    const box = (el: Element): Box => {
      const r = el.getBoundingClientRect();
      return { top: r.top, left: r.left, right: r.right, bottom: r.bottom };
    };
    const name = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`;
    const cut = (a: Box, b: Box): Box => ({
      top: Math.max(a.top, b.top),
      left: Math.max(a.left, b.left),
      right: Math.min(a.right, b.right),
      bottom: Math.min(a.bottom, b.bottom),
    });
    const area = (b: Box) => Math.max(0, b.right - b.left) * Math.max(0, b.bottom - b.top);
    const viewport: Box = { top: 0, left: 0, right: innerWidth, bottom: innerHeight };
    /** the part of `el` not clipped away by the viewport or an ancestor's overflow */
    const seen = (el: Element): Box => {
      let b = cut(box(el), viewport);
      for (let a = el.parentElement; a; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible' || cs.contain.includes('paint'))
          b = cut(b, box(a));
      }
      return b;
    };
    const toolbarEl = document.querySelector('[data-testid="wall-toolbar"]');
    const toolbar = toolbarEl ? box(toolbarEl) : null;
    const cards = [...document.querySelectorAll('.campaign-card')];
    const shownCards = cards.filter((c) => area(seen(c)) > 0);
    const content = [
      ...document.querySelectorAll('main .page-header, main .tile, main .panel, main .system-health'),
      ...shownCards,
    ];
    const overlaps = (a: Box, b: Box) => area(cut(a, b)) > 0;
    const inside = (b: Box) =>
      b.top >= -0.5 && b.left >= -0.5 && b.bottom <= innerHeight + 0.5 && b.right <= innerWidth + 0.5;
    const controls = toolbarEl ? [...toolbarEl.querySelectorAll('a[href], button')] : [];
    return {
      scrollHeight: document.scrollingElement?.scrollHeight ?? 0,
      scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
      innerHeight,
      innerWidth,
      toolbar,
      underToolbar: toolbar ? content.filter((el) => overlaps(box(el), toolbar)).map(name) : [],
      outside: content.filter((el) => !inside(box(el))).map(name),
      clipped: [...document.querySelectorAll('main .tile, main .panel, main .system-health')]
        .filter((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
        .map(
          (el) => `${name(el)} ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`,
        ),
      kpiFontPx: [...document.querySelectorAll('.kpi .tile-value')].map((el) =>
        Number.parseFloat(getComputedStyle(el).fontSize),
      ),
      cards: {
        whole: shownCards.filter((c) => Math.abs(area(seen(c)) - area(box(c))) < 1).length,
        partial: shownCards
          .filter((c) => Math.abs(area(seen(c)) - area(box(c))) >= 1)
          .map(
            (c) =>
              `${c.textContent?.slice(0, 30)} ${Math.round(area(seen(c)))} of ${Math.round(area(box(c)))} px²`,
          ),
        hidden: cards.length - shownCards.length,
        clippedInside: [
          ...shownCards
            .filter((c) => c.scrollHeight > c.clientHeight + 1)
            .map((c) => `${c.textContent?.slice(0, 30)} ${c.scrollHeight} in ${c.clientHeight}`),
          // a figure past the card's padding edge is cut by the card's clip (or touches its border);
          // a line that ends in "…" on purpose (its own overflow: hidden) shows what its box keeps
          ...shownCards.flatMap((c) => {
            const edge = box(c).right - Number.parseFloat(getComputedStyle(c).paddingRight) / 2;
            const kept = (v: Element): Box => {
              let b = box(v);
              for (let a = v.parentElement; a && a !== c; a = a.parentElement)
                if (getComputedStyle(a).overflowX !== 'visible') b = cut(b, box(a));
              return b;
            };
            return [...c.querySelectorAll('.live')]
              .filter((v) => kept(v).right > edge + 0.5)
              .map((v) => `"${v.textContent}" ends at ${Math.round(kept(v).right)} past ${Math.round(edge)}`);
          }),
        ],
      },
      badControls: controls
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ el, r }) => r.width < 44 || r.height < 44 || !(el.textContent ?? '').trim())
        .map(
          ({ el, r }) =>
            `${name(el)} "${el.textContent?.trim()}" ${Math.round(r.width)}×${Math.round(r.height)}`,
        ),
    };
  });

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
const WALL_PAGES = [
  { path: '/analytics/realtime', suffix: '' },
  { path: '/analytics/campaigns/camp-01', suffix: '-campaign' },
] as const;

describe('a wall fits one landscape screen', () => {
  beforeAll(async () => {
    // a rotation far away, so its indicator is in the toolbar but the page stays put while measured
    await page.goto(`${stack.url}/?mode=wall&campaigns=camp-01,camp-02&rotate=3600&theme=dark`);
    await page.waitForFunction(() => document.documentElement.dataset.mode === 'wall', null, {
      timeout: STEP_TIMEOUT_MS,
    });
  });

  for (const size of SIZES)
    it(`loads and takes its first live data without moving anything at ${size.width}×${size.height}`, async () => {
      await page.setViewportSize(size);
      await page.goto(`${stack.url}/analytics/realtime`);
      await expect
        .poll(() => page.textContent('.connection-status'), { timeout: STEP_TIMEOUT_MS })
        .toMatch(/WebSocket · updated/);
      await page.waitForSelector('.activity-chart svg[role="img"]', { timeout: STEP_TIMEOUT_MS });
      await expect
        .poll(() => page.locator('.campaign-card').count(), { timeout: STEP_TIMEOUT_MS })
        .toBeGreaterThan(0);
      // every layout shift of this document so far (buffered), none of them after an input
      const shift = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            let sum = 0;
            new PerformanceObserver((list) => {
              for (const e of list.getEntries() as Array<
                PerformanceEntry & { value: number; hadRecentInput: boolean }
              >)
                if (!e.hadRecentInput) sum += e.value;
              resolve(sum);
            }).observe({ type: 'layout-shift', buffered: true });
            setTimeout(() => resolve(sum), 500); // no shift at all: no callback
          }),
      );
      // a stale mark's line that came and went with the first data moved every row below it: 0.054
      expect(shift).toBeLessThan(0.01);
    });

  for (const size of SIZES)
    for (const wallPage of WALL_PAGES)
      it(`shows everything on ${wallPage.path} at ${size.width}×${size.height} without scrolling, the toolbar over nothing`, async () => {
        await page.setViewportSize(size);
        await page.goto(`${stack.url}${wallPage.path}`);
        await expect
          .poll(() => page.textContent('.connection-status'), { timeout: STEP_TIMEOUT_MS })
          .toMatch(/WebSocket · updated/);
        // the charts are a lazy chunk: measure the page they are drawn in, with a few points
        await page.waitForSelector('.activity-chart svg[role="img"], .outcome-donut > svg', {
          timeout: STEP_TIMEOUT_MS,
        });
        await expect
          .poll(() => page.locator('.activity-chart svg[role="img"], .outcome-donut > svg').count(), {
            timeout: STEP_TIMEOUT_MS,
          })
          .toBe(2);
        if (wallPage.suffix === '')
          await expect
            .poll(() => page.locator('.campaign-card').count(), { timeout: STEP_TIMEOUT_MS })
            .toBeGreaterThan(0);
        await page.waitForTimeout(2_500);
        expect(await page.locator('[data-testid="rotation-indicator"]').isVisible()).toBe(true);
        const layout = await wallLayout(page);

        expect(layout.innerHeight).toBe(size.height);
        expect(layout.scrollHeight).toBeLessThanOrEqual(layout.innerHeight);
        expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
        expect(layout.toolbar).not.toBeNull();
        expect(layout.toolbar?.bottom).toBeLessThanOrEqual(size.height + 0.5);
        expect(layout.underToolbar).toEqual([]);
        expect(layout.outside).toEqual([]);
        expect(layout.clipped).toEqual([]);
        expect(layout.badControls).toEqual([]);
        // readable from 5 m: about 1 cm cap height on a 10" 1280×800 tablet needs ≥ 48 px type
        expect(layout.kpiFontPx).toHaveLength(4);
        for (const px of layout.kpiFontPx) expect(px).toBeGreaterThanOrEqual(48);
        if (wallPage.suffix === '') {
          // whole cards or none: a card cut in half by the screen's edge reads as a different number
          expect(layout.cards.partial).toEqual([]);
          expect(layout.cards.clippedInside).toEqual([]);
          expect(layout.cards.whole).toBeGreaterThanOrEqual(3);
          expect(layout.cards.whole + layout.cards.hidden).toBe(await page.locator('.campaign-card').count());
        }

        mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({
          path: `${ARTIFACTS}wall-${size.width}x${size.height}-dark${wallPage.suffix}.png`,
        });
      });
});

/** Where the activity chart's drawing sits in its panel, in CSS px. */
interface ChartFit {
  svgHeight: number;
  /** empty space between the drawing's bottom and the legend, beyond the legend's own margin */
  svgToLegend: number;
  /** empty space between the legend's bottom and the bottom of the panel's content box */
  legendToPanel: number;
}

const chartFit = (p: Page): Promise<ChartFit | null> =>
  p.evaluate(() => {
    const panel = document.querySelector('.panel-activity');
    const svg = panel?.querySelector('.activity-chart svg[role="img"]');
    const legend = panel?.querySelector('.activity-chart .chart-legend');
    if (!panel || !svg || !legend) return null;
    const px = (el: Element, prop: string) =>
      Number.parseFloat(getComputedStyle(el).getPropertyValue(prop)) || 0;
    const panelBox = panel.getBoundingClientRect();
    const contentBottom = panelBox.bottom - px(panel, 'border-bottom-width') - px(panel, 'padding-bottom');
    const svgBox = svg.getBoundingClientRect();
    const legendBox = legend.getBoundingClientRect();
    return {
      svgHeight: svgBox.height,
      svgToLegend: legendBox.top - px(legend, 'margin-top') - svgBox.bottom,
      legendToPanel: contentBottom - legendBox.bottom,
    };
  });

describe('the activity chart on a wall', () => {
  beforeAll(async () => {
    await page.goto(`${stack.url}/?mode=wall&campaigns=camp-01,camp-02&rotate=3600&theme=dark`);
    await page.waitForFunction(() => document.documentElement.dataset.mode === 'wall', null, {
      timeout: STEP_TIMEOUT_MS,
    });
  });

  for (const size of SIZES)
    for (const wallPage of WALL_PAGES)
      it(`fills its panel on ${wallPage.path} at ${size.width}×${size.height} and keeps one height through live updates`, async () => {
        await page.setViewportSize(size);
        await page.goto(`${stack.url}${wallPage.path}`);
        await expect
          .poll(() => page.textContent('.connection-status'), { timeout: STEP_TIMEOUT_MS })
          .toMatch(/WebSocket · updated/);
        await expect
          .poll(() => page.locator('.activity-chart svg[role="img"], .outcome-donut > svg').count(), {
            timeout: STEP_TIMEOUT_MS,
          })
          .toBe(2);
        // let the first frames settle (the size is measured after the chart lands)
        await page.waitForTimeout(1_000);

        // ten samples over five seconds of live updates: a drawing that fed its own cell's height
        // would grow from sample to sample, one that fought the outcomes panel would flip between two
        // and every write of the drawing's height in between is counted, not only the ones sampled
        await page.evaluate(() => {
          const svg = document.querySelector('.activity-chart svg[role="img"]');
          const w = window as unknown as { __chartHeights: string[] };
          w.__chartHeights = [];
          if (svg)
            new MutationObserver(() => w.__chartHeights.push(svg.getAttribute('height') ?? '')).observe(svg, {
              attributeFilter: ['height'],
            });
        });
        const samples: ChartFit[] = [];
        for (let i = 0; i < 10; i++) {
          const fit = await chartFit(page);
          expect(fit).not.toBeNull();
          if (fit) samples.push(fit);
          await page.waitForTimeout(500);
        }
        // kept before the checks: a failing fit is the picture most worth looking at
        mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({
          path: `${ARTIFACTS}wall-${size.width}x${size.height}-dark${wallPage.suffix}-chart.png`,
        });

        const heights = new Set(samples.map((s) => s.svgHeight));
        expect([...heights]).toHaveLength(1);
        expect(
          await page.evaluate(() => (window as unknown as { __chartHeights: string[] }).__chartHeights),
        ).toEqual([]);

        const fit = samples[samples.length - 1] as ChartFit;
        // never smaller than the fixed drawing it replaces (DEFAULTS.chartHeight)
        expect(fit.svgHeight).toBeGreaterThanOrEqual(260);
        // the drawing reaches down to the legend, and the legend to the panel's bottom: no empty band
        expect(Math.abs(fit.svgToLegend)).toBeLessThanOrEqual(2);
        expect(Math.abs(fit.legendToPanel)).toBeLessThanOrEqual(3);

        const layout = await wallLayout(page);
        expect(layout.scrollHeight).toBeLessThanOrEqual(layout.innerHeight);
        expect(layout.clipped).toEqual([]);
        expect(layout.outside).toEqual([]);
      });

  it('follows a change of screen size and of its row, settling each time, and keeps its fixed height on a portrait screen', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${stack.url}/analytics/campaigns/camp-01`);
    await page.waitForSelector('.activity-chart svg[role="img"]', { timeout: STEP_TIMEOUT_MS });
    await expect
      .poll(async () => Math.abs((await chartFit(page))?.legendToPanel ?? 99), { timeout: STEP_TIMEOUT_MS })
      .toBeLessThanOrEqual(3);
    const small = (await chartFit(page))?.svgHeight ?? 0;

    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect
      .poll(
        async () => {
          const fit = await chartFit(page);
          return !!fit && Math.abs(fit.legendToPanel) <= 3 && Math.abs(fit.svgToLegend) <= 2;
        },
        { timeout: STEP_TIMEOUT_MS },
      )
      .toBe(true);
    const large = (await chartFit(page))?.svgHeight ?? 0;
    // the 1080 px screen leaves the campaign page's chart row more than the 800 px one did
    expect(large).toBeGreaterThan(small + 50);

    // the row's height changes beside the chart (as when the outcomes panel grows with its data):
    // the drawing follows the row up and back down, and settles each time
    const overview = async (extraPx: number) => {
      await page.evaluate((px) => {
        document.querySelector('#chart-fill-extra')?.remove();
        if (px === 0) return;
        const extra = document.createElement('div');
        extra.id = 'chart-fill-extra';
        extra.style.height = `${px}px`;
        document.querySelector('.panel-outcomes')?.append(extra);
      }, extraPx);
    };
    await page.goto(`${stack.url}/analytics/realtime`);
    await page.waitForSelector('.activity-chart svg[role="img"], .outcome-donut > svg', {
      timeout: STEP_TIMEOUT_MS,
    });
    await expect
      .poll(async () => Math.abs((await chartFit(page))?.legendToPanel ?? 99), { timeout: STEP_TIMEOUT_MS })
      .toBeLessThanOrEqual(3);
    const before = (await chartFit(page))?.svgHeight ?? 0;
    await overview(120);
    await expect
      .poll(async () => (await chartFit(page))?.svgHeight ?? 0, { timeout: STEP_TIMEOUT_MS })
      .toBeGreaterThan(before + 100);
    const fit = await chartFit(page);
    expect(Math.abs(fit?.legendToPanel ?? 99)).toBeLessThanOrEqual(3);
    await overview(0);
    await expect
      .poll(async () => (await chartFit(page))?.svgHeight, { timeout: STEP_TIMEOUT_MS })
      .toBe(before);

    // portrait: the wall is a scrolling page, and the drawing has the fixed height it has everywhere else
    await page.setViewportSize({ width: 800, height: 1280 });
    await expect.poll(async () => (await chartFit(page))?.svgHeight, { timeout: STEP_TIMEOUT_MS }).toBe(260);
  });
});

describe('a wall with a hundred campaigns', () => {
  let big: MovableStack;
  beforeAll(async () => {
    big = await startMovableStack({ simulator: { campaigns: 100 } });
  });
  afterAll(async () => {
    await big?.close();
  });

  it('still fits the overview on a 1280×800 screen, showing whole cards and clipping the rest away entirely', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${big.url}/analytics/realtime?mode=wall&rotate=0&theme=dark`);
    await expect.poll(() => page.locator('.campaign-card').count(), { timeout: STEP_TIMEOUT_MS }).toBe(100);
    await page.waitForSelector('.activity-chart svg[role="img"]', { timeout: STEP_TIMEOUT_MS });
    const layout = await wallLayout(page);
    expect(layout.scrollHeight).toBeLessThanOrEqual(layout.innerHeight);
    expect(layout.underToolbar).toEqual([]);
    expect(layout.outside).toEqual([]);
    expect(layout.cards.partial).toEqual([]);
    expect(layout.cards.whole).toBeGreaterThanOrEqual(3);
    expect(layout.cards.whole + layout.cards.hidden).toBe(100);
  });

  for (const size of SIZES)
    it(`says how many campaigns do not fit at ${size.width}×${size.height}, and keeps the keyboard off them`, async () => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${big.url}/analytics/realtime?mode=wall&rotate=0&theme=dark`);
      await expect.poll(() => page.locator('.campaign-card').count(), { timeout: STEP_TIMEOUT_MS }).toBe(100);
      // live: the note follows a change of screen size
      await page.setViewportSize(size);
      const cards = () =>
        page.evaluate(() =>
          [...document.querySelectorAll<HTMLLIElement>('.campaign-list > li')].map((li) => ({
            shown: li.getBoundingClientRect().height > 0,
            inert: li.inert,
          })),
        );
      await expect
        .poll(
          async () => {
            const shown = (await cards()).filter((c) => c.shown).length;
            return (
              (await page.textContent('[data-testid="more-campaigns"]'))?.trim() ===
              `+${100 - shown} more campaigns`
            );
          },
          { timeout: STEP_TIMEOUT_MS },
        )
        .toBe(true);
      const all = await cards();
      const shown = all.filter((c) => c.shown).length;
      expect(shown).toBeGreaterThanOrEqual(3);
      expect(shown).toBeLessThan(100);
      // a card off the wall is inert; every card on it is not
      expect(all.filter((c) => c.shown === c.inert)).toEqual([]);
      // Tab from the last card shown goes on to something visible, never into a clipped card
      await page.locator('.campaign-list > li:not([inert]) .card-header a').last().focus();
      await page.keyboard.press('Tab');
      const next = await page.evaluate(() => {
        const el = document.activeElement;
        const li = el?.closest('.campaign-list > li');
        return { inHiddenCard: li ? li.getBoundingClientRect().height === 0 : false, tag: el?.tagName };
      });
      expect(next.inHiddenCard).toBe(false);
      const layout = await wallLayout(page);
      expect(layout.scrollHeight).toBeLessThanOrEqual(layout.innerHeight);
      expect(layout.cards.partial).toEqual([]);
      expect(layout.cards.whole).toBe(shown);
    });
});

describe('a wall on a screen too small or too tall for one page', () => {
  it('scrolls as a normal page, with the toolbar at its end over no content and nothing wider than the screen', async () => {
    await page.setViewportSize({ width: 800, height: 1280 });
    await page.goto(`${stack.url}/analytics/realtime?mode=wall&rotate=3600&campaigns=camp-01&theme=dark`);
    // the cards arrive a frame or so apart (startup slices): wait for all six
    await expect.poll(() => page.locator('.campaign-card').count(), { timeout: STEP_TIMEOUT_MS }).toBe(6);
    await page.waitForSelector('.activity-chart svg[role="img"]', { timeout: STEP_TIMEOUT_MS });
    const layout = await wallLayout(page);
    expect(layout.scrollWidth).toBeLessThanOrEqual(800);
    expect(layout.underToolbar).toEqual([]);
    expect(layout.clipped).toEqual([]);
    expect(layout.badControls).toEqual([]);
    // every card is there to scroll to, none clipped away as on a landscape wall
    expect(layout.cards.hidden + layout.cards.whole + layout.cards.partial.length).toBe(6);
    await page.locator('.campaign-card').last().scrollIntoViewIfNeeded();
    const last = await page.locator('.campaign-card').last().boundingBox();
    expect(last?.height).toBeGreaterThan(100);
  });
});
