// Helpers for the PWA's browser tests: a stack whose bridge can be stopped and started again on the
// same port (a service worker belongs to an origin, so "the network came back" and "a new version
// was deployed" must happen at the same host:port), a second build of the app, and readers for what
// the page shows and what it saved.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import type { ConfigInput } from '../../../bridge/config/config.ts';
import { type StartedBridge, startBridge } from '../../../bridge/node/startBridge.ts';
import {
  type SimulatorHandle,
  type SimulatorOptions,
  startSimulator,
} from '../../../bridge/simulator/server.ts';
import { precompressDir } from '../../../web/precompress.ts';
import { type Browser, launchBrowser } from './browser.ts';
import { BUILT_PWA } from './stack.ts';

// the precache manifest in sw.js, minified (`{url:"index.html",revision:"…"}`) or not (quoted keys)
const INDEX_ENTRY = /("?url"?\s*:\s*"index\.html"\s*,\s*"?revision"?\s*:\s*")[0-9a-f]+"/;
const PRECACHE_URL = /"?url"?\s*:\s*"([^"]+)"\s*,\s*"?revision"?/g;

/** True when `dir` holds a whole build: the shell, the worker and every file its precache lists. */
function isCompleteBuild(dir: string): boolean {
  const sw = join(dir, 'sw.js');
  if (!existsSync(join(dir, 'index.html')) || !existsSync(sw)) return false;
  const text = readFileSync(sw, 'utf8');
  if (!INDEX_ENTRY.test(text)) return false;
  const urls = [...text.matchAll(PRECACHE_URL)].map((m) => m[1] ?? '');
  return urls.length > 0 && urls.every((u) => existsSync(join(dir, u)));
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * How long a browser step may take before a test gives up. Generous: these tests share two cores
 * with benchmarks and other browser runs, and a service worker install or a reload can take tens
 * of seconds there; a healthy step takes well under a second on an idle machine.
 */
export const STEP_TIMEOUT_MS = 60_000;
/** Per-test timeout for tests made of several such steps. */
export const LONG_TEST_MS = 240_000;

/** launchBrowser, with navigation and locator waits stretched to STEP_TIMEOUT_MS for a loaded machine. */
export async function launchPwaBrowser(options: BrowserContextOptions = {}): Promise<Browser> {
  const browser = await launchBrowser(options);
  browser.context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  browser.context.setDefaultTimeout(STEP_TIMEOUT_MS);
  return browser;
}

/**
 * A private copy of the built app. dist/web is shared: another test run may be rebuilding it (vite
 * empties the directory first), and a test that serves it directly would see files vanish. Waits
 * (bounded) for a complete build that has not changed for a moment, then copies it.
 */
export async function snapshotBuild(): Promise<{ dir: string; dispose(): void }> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (isCompleteBuild(BUILT_PWA)) {
      const before = statSync(join(BUILT_PWA, 'sw.js')).mtimeMs;
      const dir = mkdtempSync(join(tmpdir(), 'wallboard-build-'));
      cpSync(BUILT_PWA, dir, { recursive: true });
      if (
        isCompleteBuild(dir) &&
        statSync(join(BUILT_PWA, 'sw.js'), { throwIfNoEntry: false })?.mtimeMs === before
      )
        return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
      rmSync(dir, { recursive: true, force: true });
    }
    if (Date.now() > deadline) throw new Error(`no complete build in ${BUILT_PWA} within 120 s`);
    await sleep(500);
  }
}

export interface MovableStack {
  /** `http://127.0.0.1:<port>`: stays the same across bridge restarts. */
  url: string;
  port: number;
  simulator: SimulatorHandle;
  /** The build served by default: a private copy of dist/web (see snapshotBuild). */
  buildDir: string;
  /** The running bridge, or null while it is stopped. */
  bridge(): StartedBridge | null;
  /** Stops the bridge (the simulator keeps running): the app's origin is gone from the network. */
  stopBridge(): Promise<void>;
  /** Starts a bridge on the same port, serving `staticDir` (default: the stack's copy of the built PWA). */
  startBridge(staticDir?: string): Promise<void>;
  close(): Promise<void>;
}

export async function startMovableStack(
  opts: { simulator?: SimulatorOptions; bridge?: ConfigInput } = {},
): Promise<MovableStack> {
  const build = await snapshotBuild();
  const simulator = await startSimulator({ host: '127.0.0.1', port: 0, seed: 11, ...opts.simulator });
  const config = (port: number, staticDir: string): ConfigInput => ({
    host: '127.0.0.1',
    port,
    logLevel: 'silent',
    staticDir,
    upstreamWsUrl: simulator.wsUrl,
    upstreamApiBaseUrl: simulator.apiBase,
    ...opts.bridge,
  });
  let current: StartedBridge | null;
  try {
    current = await startBridge(config(0, build.dir));
  } catch (err) {
    await simulator.close();
    build.dispose();
    throw err;
  }
  const port = current.port;
  const stopBridge = async () => {
    const b = current;
    current = null;
    await b?.close();
  };
  return {
    url: current.url,
    port,
    simulator,
    bridge: () => current,
    stopBridge,
    buildDir: build.dir,
    async startBridge(staticDir = build.dir) {
      if (current) throw new Error('startBridge: a bridge is already running; stopBridge() first');
      // the port was ours a moment ago; a few tries cover a socket the kernel has not let go of yet
      let lastError: unknown;
      for (let attempt = 0; attempt < 20; attempt++) {
        try {
          current = await startBridge(config(port, staticDir));
          return;
        } catch (err) {
          lastError = err;
          await sleep(100);
        }
      }
      throw lastError;
    },
    async close() {
      await stopBridge();
      await simulator.close();
      build.dispose();
    },
  };
}

/**
 * A copy of the built app that differs the way a new deployment does: index.html changed (it
 * carries `<meta name="x-build" content="<tag>">`), so the service worker's precache manifest holds a new revision
 * for it, so sw.js has different bytes and the browser installs it as a new version.
 */
export function makeNewBuild(from: string, tag: string): { dir: string; tag: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'wallboard-build-'));
  cpSync(from, dir, { recursive: true });
  const htmlPath = join(dir, 'index.html');
  const original = readFileSync(htmlPath, 'utf8');
  if (!original.includes('</head>')) throw new Error(`makeNewBuild: no </head> in ${htmlPath}`);
  const html = original.replace('</head>', `<meta name="x-build" content="${tag}" /></head>`);
  writeFileSync(htmlPath, html);
  const revision = createHash('md5').update(html).digest('hex');
  const swPath = join(dir, 'sw.js');
  const sw = readFileSync(swPath, 'utf8');
  const entry = INDEX_ENTRY;
  if (!entry.test(sw))
    throw new Error(`makeNewBuild: no index.html entry in the precache manifest of ${swPath}`);
  writeFileSync(swPath, sw.replace(entry, `$1${revision}"`));
  // and its compressed copies, as a build writes them: the bridge sends sw.js.br, not sw.js
  precompressDir(dir);
  return { dir, tag, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface WorkerState {
  controlled: boolean;
  activeState: string | null;
  scope: string | null;
}

export function workerState(page: Page): Promise<WorkerState> {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return {
      controlled: navigator.serviceWorker.controller !== null,
      activeState: reg?.active?.state ?? null,
      scope: reg?.scope ?? null,
    };
  });
}

/** Waits until the service worker is activated, then reloads so it controls the page. */
export async function loadUnderWorker(page: Page, url: string): Promise<void> {
  await page.goto(url);
  // bounded wait for the first worker to activate (waitForFunction does not await async predicates)
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while ((await workerState(page)).activeState !== 'activated') {
    if (Date.now() > deadline)
      throw new Error(`no activated service worker for ${url} within ${STEP_TIMEOUT_MS / 1000} s`);
    await page.waitForTimeout(200);
  }
  await page.reload();
  const state = await workerState(page);
  if (!state.controlled)
    throw new Error(`the page is not controlled after a reload: ${JSON.stringify(state)} (${page.url()})`);
}

/** The four headline numbers as shown, keyed by `data-kpi`. */
export function kpiTexts(page: Page): Promise<Record<string, string>> {
  return page.$$eval('.kpi .tile', (tiles) =>
    Object.fromEntries(
      tiles.map((t) => [
        (t as HTMLElement).dataset.kpi ?? '?',
        t.querySelector('.tile-value')?.textContent?.trim() ?? '',
      ]),
    ),
  );
}

export const parseCount = (text: string | undefined): number => Number((text ?? '').replace(/[^0-9.]/g, ''));

export interface SavedSummary {
  savedAt: number;
  lastUpdate: number | null;
  campaigns: number;
  totalActiveCalls: number;
  totalAttempts: number;
}

/** What the app saved in IndexedDB (database `wallboard`, store `snapshot`, key `last`), summed up. */
export function savedSummary(page: Page): Promise<SavedSummary | null> {
  return page.evaluate(
    () =>
      new Promise<SavedSummary | null>((resolve, reject) => {
        const open = indexedDB.open('wallboard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('snapshot')) {
            db.close();
            resolve(null);
            return;
          }
          const get = db.transaction('snapshot', 'readonly').objectStore('snapshot').get('last');
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            db.close();
            const rec = get.result as
              | {
                  savedAt: number;
                  state: {
                    lastUpdate: number | null;
                    campaigns: Record<string, { activeCalls: number; totalAttempts: number }>;
                  };
                }
              | undefined;
            if (!rec) return resolve(null);
            const cs = Object.values(rec.state.campaigns);
            resolve({
              savedAt: rec.savedAt,
              lastUpdate: rec.state.lastUpdate,
              campaigns: cs.length,
              totalActiveCalls: cs.reduce((a, c) => a + c.activeCalls, 0),
              totalAttempts: cs.reduce((a, c) => a + c.totalAttempts, 0),
            });
          };
        };
      }),
  );
}

/** Pretends the page was hidden or shown again (headless Chromium keeps every page visible). */
export function fakeVisibility(page: Page, state: DocumentVisibilityState): Promise<void> {
  return page.evaluate((s) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => s === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}

/** The build tag of the document in `page` (null for the original build), undefined between documents. */
export async function buildOf(page: Page): Promise<string | null | undefined> {
  try {
    return await page.evaluate(
      () => document.querySelector<HTMLMetaElement>('meta[name="x-build"]')?.content ?? null,
    );
  } catch {
    return undefined; // navigating
  }
}
