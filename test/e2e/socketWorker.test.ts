// The page's WebSocket lives in a worker (web/src/live/transports/socketWorker.ts), so hundreds of
// frames a second never become main-thread tasks; where a worker cannot start, the page's own
// WebSocket does the job. Both in Chromium against the real bridge and simulator.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Browser, launchBrowser } from './support/browser.ts';
import { expectShownToEqualRest, readOverview, restOverview, waitForChannel } from './support/dashboard.ts';
import { type FreezableDialer, freezableDialer } from './support/freezableDialer.ts';
import { type Stack, startStack } from './support/stack.ts';

const GOTO = { waitUntil: 'domcontentloaded', timeout: 60_000 } as const;

let stack: Stack;
let browser: Browser;
let dialer: FreezableDialer;

beforeAll(async () => {
  dialer = freezableDialer({ seed: 5, campaigns: 6 });
  stack = await startStack({ simulator: { dialer } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const hub = () => stack.bridge.bridge.hub.stats();
async function until(what: string, cond: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(hub())}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A page that counts the WebSockets its own main thread constructs. (Playwright's `websocket` event
 * cannot tell: it reports a dedicated worker's sockets on the page too.)
 */
async function openPage(init?: () => void): Promise<{ page: Page; pageSockets: () => Promise<number> }> {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { WebSocket: typeof WebSocket; __pageSockets: number };
    w.__pageSockets = 0;
    const Native = w.WebSocket;
    w.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        w.__pageSockets++;
      }
    };
  });
  if (init) await page.addInitScript(init);
  await page.goto(`${stack.url}/analytics/realtime`, GOTO);
  return {
    page,
    pageSockets: () => page.evaluate(() => (window as unknown as { __pageSockets: number }).__pageSockets),
  };
}

test('the live WebSocket is opened by a worker, not by the page, and the numbers still equal REST', async () => {
  const { page, pageSockets } = await openPage();
  try {
    await waitForChannel(page, 'WebSocket', 30_000);
    await until('one WebSocket on the bridge', () => hub().ws === 1);
    expect(page.workers().map((w) => w.url())).toEqual([
      expect.stringMatching(/\/assets\/socketWorker-[\w-]+\.js$/),
    ]);
    expect(await pageSockets()).toBe(0);
    // the simulated clock stopped, so the screen and REST can be compared exactly
    dialer.freeze();
    try {
      await expectShownToEqualRest(
        () => readOverview(page),
        () => restOverview(stack.url),
      );
    } finally {
      dialer.thaw();
    }
  } finally {
    await page.close();
  }
  await until('no WebSocket once the page is closed', () => hub().ws === 0);
});

test('where no worker can be created, the page opens the WebSocket itself', async () => {
  const { page, pageSockets } = await openPage(() => {
    // what a Content-Security-Policy without worker-src does to `new Worker`
    (window as unknown as { Worker: unknown }).Worker = function Worker() {
      throw new DOMException('Refused to create a worker', 'SecurityError');
    };
  });
  try {
    await waitForChannel(page, 'WebSocket', 30_000);
    await until('one WebSocket on the bridge', () => hub().ws === 1);
    expect(page.workers()).toEqual([]);
    expect(await pageSockets()).toBe(1);
  } finally {
    await page.close();
  }
  await until('no WebSocket once the page is closed', () => hub().ws === 0);
});
