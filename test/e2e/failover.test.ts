// The live client in Chromium through a broken network: a relay in front of the real bridge cuts the
// WebSocket, then the event stream, then heals both. The page must say which channel it is on, keep
// the numbers moving on every channel, return to WebSocket, leave exactly one connection behind, and
// still show exactly what REST says.
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type Browser, launchBrowser } from './support/browser.ts';
import {
  expectShownToEqualRest,
  readOverview,
  readStatus,
  recordChannels,
  recordedChannels,
  restOverview,
  waitForChannel,
} from './support/dashboard.ts';
import { type FreezableDialer, freezableDialer } from './support/freezableDialer.ts';
import { type Relay, type RelayMode, startRelay } from './support/relay.ts';
import { type Stack, startStack } from './support/stack.ts';

/** The app renders from deferred module scripts: DOMContentLoaded is enough, and a loaded machine gets time. */
const GOTO = { waitUntil: 'domcontentloaded', timeout: 60_000 } as const;
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

/** Generous bounds for a loaded 2-core machine; the targets (7 s, 60 s) are measured and reported, not asserted. */
const WAIT = {
  firstData: 30_000,
  failover: 30_000,
  // the client probes WebSocket every 30–55 s while on a fallback
  backToWebSocket: 90_000,
  settle: 30_000,
} as const;

let stack: Stack;
let browser: Browser;
let dialer: FreezableDialer;
let relay: Relay;
let page: Page | null = null;

beforeAll(async () => {
  dialer = freezableDialer({ seed: 11, campaigns: 6 });
  stack = await startStack({ simulator: { dialer } });
  browser = await launchBrowser();
});

afterEach(async () => {
  await page?.close().catch(() => {});
  page = null;
  await relay?.close();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const hub = () => stack.bridge.bridge.hub.stats();

async function until(what: string, cond: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * While the page is on `channel`, the numbers keep arriving: three different readings of the KPI
 * tiles, and the indicator never calls the data stale (it would after 6 s without an update).
 */
async function expectLiveOn(p: Page, channel: string): Promise<void> {
  const seen = new Set<string>();
  const deadline = Date.now() + 60_000;
  while (seen.size < 3) {
    if (Date.now() > deadline)
      throw new Error(`on ${channel}, the KPI tiles changed only ${seen.size - 1} times in 60 s`);
    const status = await readStatus(p);
    expect(status.channel).toBe(channel);
    expect(status.state).toBe('live');
    seen.add(JSON.stringify((await readOverview(p)).kpi));
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** With the simulated clock stopped, the page shows exactly what REST says, and stays on `channel`. */
async function expectEqualToRestOn(p: Page, channel: string): Promise<void> {
  dialer.freeze();
  try {
    const shown = await expectShownToEqualRest(
      () => readOverview(p),
      () => restOverview(stack.url),
      WAIT.settle,
    );
    expect(Object.keys(shown.cards)).toHaveLength(6);
  } finally {
    dialer.thaw();
  }
  expect((await readStatus(p)).channel).toBe(channel);
}

interface Timings {
  wsToSse: number;
  sseToPolling: number;
  backToWebSocket: number;
}

/** A fresh relay in front of the bridge and a fresh page on its origin, live over WebSocket. */
async function openThroughRelay(): Promise<Page> {
  relay = await startRelay(stack.url);
  page = await browser.context.newPage();
  await page.goto(`${relay.url}/analytics/realtime`, GOTO);
  await waitForChannel(page, 'WebSocket', WAIT.firstData);
  await until('one WebSocket through the relay', () => relay.open('ws') === 1, WAIT.firstData);
  await recordChannels(page);
  return page;
}

type Trail = Awaited<ReturnType<typeof recordedChannels>>;

const describeTrail = (trail: Trail): string =>
  trail
    .map((e) => `${e.channel}${e.offlineMark ? ' + offline mark' : ''} @${e.at - trail[0]!.at} ms`)
    .join(' → ');

/** The whole tour with one way of breaking the paths; `record` gets the wall-clock times it took. */
async function tour(
  mode: Exclude<RelayMode, 'pass'>,
  record: (t: Timings) => Promise<unknown>,
): Promise<void> {
  const p = await openThroughRelay();

  // WebSocket broken → SSE
  let t0 = Date.now();
  relay.set('ws', mode);
  const wsToSse = await waitForChannel(p, 'SSE', WAIT.failover, t0);
  await expectLiveOn(p, 'SSE');
  await expectEqualToRestOn(p, 'SSE');
  // one event stream carries the data, however often it was reopened, and no socket flows
  await until('one event stream through the relay', () => relay.open('stream') === 1, WAIT.settle);
  expect({ ws: relay.open('ws'), stream: relay.open('stream') }).toEqual({ ws: 0, stream: 1 });

  // the event stream broken too → polling
  t0 = Date.now();
  relay.set('stream', mode);
  const sseToPolling = await waitForChannel(p, 'Polling', WAIT.failover, t0);
  await expectLiveOn(p, 'Polling');
  await expectEqualToRestOn(p, 'Polling');
  await until('no stream flowing through the relay', () => relay.open('stream') === 0, WAIT.settle);
  expect({ ws: relay.open('ws'), stream: relay.open('stream') }).toEqual({ ws: 0, stream: 0 });

  // both healed → back on WebSocket, by the background probe
  t0 = Date.now();
  relay.set('ws', 'pass');
  relay.set('stream', 'pass');
  const back = await waitForChannel(p, 'WebSocket', WAIT.backToWebSocket, t0);
  await record({ wsToSse, sseToPolling, backToWebSocket: back });
  // the channels in order (a brief Offline between them is the subject of its own test below)
  const trail = await recordedChannels(p);
  console.info(`${mode}: ${describeTrail(trail)}`);
  expect(trail.map((e) => e.channel).filter((c) => c !== 'Offline')).toEqual([
    'WebSocket',
    'SSE',
    'Polling',
    'WebSocket',
  ]);
  // the probe takes over without a gap: nothing between Polling and WebSocket
  expect(trail.slice(-2).map((e) => e.channel)).toEqual(['Polling', 'WebSocket']);
  await expectLiveOn(p, 'WebSocket');

  // nothing leaked: one WebSocket for the one page, no event stream left open, on the relay and on the bridge
  await until(
    'exactly one WebSocket and no event stream on the bridge',
    () => hub().ws === 1 && hub().sse === 0,
    WAIT.settle,
  );
  expect(hub()).toMatchObject({ ws: 1, sse: 0 });
  expect({ ws: relay.open('ws'), stream: relay.open('stream') }).toEqual({ ws: 1, stream: 0 });
  expect({ ws: relay.held('ws'), stream: relay.held('stream') }).toEqual({ ws: 1, stream: 0 });

  // and after all that the screen still equals REST
  await expectEqualToRestOn(p, 'WebSocket');
}

function report(label: string, t: Timings, annotate: (msg: string) => Promise<unknown>): Promise<unknown> {
  const line =
    `${label}: WebSocket→SSE ${t.wsToSse} ms, SSE→Polling ${t.sseToPolling} ms, ` +
    `back on WebSocket ${t.backToWebSocket} ms after healing (load ${loadAverage()})`;
  console.info(line);
  return annotate(line);
}

function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ')[0] ?? '?';
  } catch {
    return '?';
  }
}

function screenshotOnFailure(onTestFailed: (fn: () => Promise<void>) => void, name: string): void {
  onTestFailed(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page?.screenshot({ path: `${ARTIFACTS}failover-${name}.png`, fullPage: true }).catch(() => {});
  });
}

describe('failover in Chromium through a broken network', () => {
  for (const mode of ['refuse', 'silent'] as const) {
    const how = mode === 'refuse' ? 'refused (connections cut)' : 'silent (half-open)';
    test(`${how}: WebSocket → SSE → Polling, healed → WebSocket, one connection left, numbers equal to REST`, {
      timeout: 300_000,
    }, async ({ annotate, onTestFailed }) => {
      screenshotOnFailure(onTestFailed, mode);
      await tour(mode, (t) => report(mode, t, annotate));
    });
  }

  test('a page opened while the WebSocket and the event stream both hang starts on polling with REST’s numbers', {
    timeout: 120_000,
  }, async ({ annotate, onTestFailed }) => {
    screenshotOnFailure(onTestFailed, 'hanging-start');
    relay = await startRelay(stack.url);
    relay.set('ws', 'silent');
    relay.set('stream', 'silent');
    page = await browser.context.newPage();
    const p = page;
    // the clock starts once the app is on screen: that is when the client makes its first try
    await p.goto(`${relay.url}/analytics/realtime`, GOTO);
    await p.waitForSelector('.connection-status[role=status]', { timeout: WAIT.firstData });
    const toPolling = await waitForChannel(p, 'Polling', WAIT.failover);
    const line = `hanging start: on Polling ${toPolling} ms after the app rendered (load ${loadAverage()})`;
    console.info(line);
    await annotate(line);
    // the hanging attempts were given up: no event stream held, nothing reached the bridge. (A WebSocket
    // closed while still connecting is not counted: Chromium keeps its TCP connection until the
    // handshake is answered, whatever the page does.)
    await until('no event stream held', () => relay.held('stream') === 0, WAIT.settle);
    expect(relay.open('ws')).toBe(0);
    expect(hub()).toMatchObject({ ws: 0, sse: 0 });
    await expectLiveOn(p, 'Polling');
    await expectEqualToRestOn(p, 'Polling');
  });

  test('a hand-over to a channel that works at once never shows Offline or the “Offline since” mark', {
    timeout: 120_000,
  }, async ({ onTestFailed }) => {
    screenshotOnFailure(onTestFailed, 'hand-over');
    const p = await openThroughRelay();
    relay.set('ws', 'refuse');
    await waitForChannel(p, 'SSE', WAIT.failover);
    relay.set('stream', 'refuse');
    await waitForChannel(p, 'Polling', WAIT.failover);
    // each dead channel was replaced by the next one at once (docs/client.md), and that one delivered:
    // at no moment was the page without a channel, so it should never have said Offline
    const trail = await recordedChannels(p);
    console.info(`hand-over: ${describeTrail(trail)}`);
    expect(describeTrail(trail).replace(/ @\d+ ms/g, '')).toBe('WebSocket → SSE → Polling');
  });
});
