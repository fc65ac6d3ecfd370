// A new deployment, in Chromium: the same origin starts serving a new build, the running app finds
// the new service worker and says so; a person reloads with the prompt, a wall reloads by itself at
// a quiet moment (nobody has touched it, so every moment with the rotation off is quiet).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from './support/browser.ts';
import {
  buildOf,
  LONG_TEST_MS,
  launchPwaBrowser,
  loadUnderWorker,
  type MovableStack,
  makeNewBuild,
  STEP_TIMEOUT_MS,
  startMovableStack,
} from './support/pwa.ts';

let stack: MovableStack;
const builds: ReturnType<typeof makeNewBuild>[] = [];
const browsers: Browser[] = [];

beforeAll(async () => {
  stack = await startMovableStack();
});

afterAll(async () => {
  for (const b of browsers) await b.close();
  await stack?.close();
  for (const b of builds) b.dispose();
});

async function openApp(path: string): Promise<Page> {
  const browser = await launchPwaBrowser();
  browsers.push(browser);
  const page = await browser.context.newPage();
  await loadUnderWorker(page, `${stack.url}${path}`);
  return page;
}

/** Deploys a new build at the same origin and has the page look for it, as its half-hourly check does. */
async function deploy(page: Page, tag: string): Promise<string> {
  const build = makeNewBuild(stack.buildDir, tag);
  builds.push(build);
  await stack.stopBridge();
  await stack.startBridge(build.dir);
  // page.evaluate has no timeout of its own: a service worker update that never settles would hang
  // the test until its own timeout, with no word on which step stuck
  const update = page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    if (!reg) throw new Error('no service worker registration');
    await reg.update();
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    update.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`registration.update() did not settle within ${STEP_TIMEOUT_MS} ms`)),
        STEP_TIMEOUT_MS,
      );
    }),
  ]);
  return build.tag;
}

describe('a new version', () => {
  it(
    'shows the update prompt to a person, and loads the new build when they choose Reload',
    async () => {
      const page = await openApp('/analytics/realtime');
      expect(await page.locator('[data-testid="update-prompt"]').count()).toBe(0);
      const marker = await deploy(page, 'person');
      const prompt = page.locator('[data-testid="update-prompt"]');
      await expect.poll(() => prompt.count(), { timeout: STEP_TIMEOUT_MS }).toBe(1);
      expect(await prompt.textContent()).toContain('A new version is available');
      expect(await prompt.getAttribute('role')).toBe('alert');
      // a person decides: nothing reloads while the prompt waits
      expect(await buildOf(page)).not.toBe(marker);
      await prompt.getByRole('button', { name: 'Reload' }).click();
      await expect.poll(() => buildOf(page), { timeout: STEP_TIMEOUT_MS }).toBe(marker);
      await expect
        .poll(() => page.locator('[data-testid="update-prompt"]').count(), { timeout: STEP_TIMEOUT_MS })
        .toBe(0);
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    },
    LONG_TEST_MS,
  );

  it(
    'lets a person put the prompt off with Later',
    async () => {
      const page = await openApp('/analytics/realtime');
      const marker = await deploy(page, 'later');
      const prompt = page.locator('[data-testid="update-prompt"]');
      await expect.poll(() => prompt.count(), { timeout: STEP_TIMEOUT_MS }).toBe(1);
      await prompt.getByRole('button', { name: 'Later' }).click();
      expect(await prompt.count()).toBe(0);
      expect(await buildOf(page)).not.toBe(marker);
    },
    LONG_TEST_MS,
  );

  it(
    'applies itself on a wall that nobody touches',
    async () => {
      const page = await openApp('/analytics/realtime?mode=wall&rotate=0');
      expect(await page.evaluate(() => document.documentElement.dataset.mode)).toBe('wall');
      const marker = await deploy(page, 'wall');
      // the wall checks for a quiet moment every few seconds; untouched, the first check applies it
      await expect.poll(() => buildOf(page), { timeout: STEP_TIMEOUT_MS, interval: 500 }).toBe(marker);
      expect(await page.evaluate(() => document.documentElement.dataset.mode)).toBe('wall');
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    },
    LONG_TEST_MS,
  );
});
