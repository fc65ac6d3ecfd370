// What loading a page costs the main thread, build against build: each build served by its own bridge
// and simulator, each load cold (a new browser context: no cache, no service worker, no saved data),
// traced from navigation for a few seconds, the builds interleaved over rounds. Prints the medians
// of the page renderer's task time, layout, style and paint, the tasks over 12.5 ms (over 50 ms on
// Lighthouse's 4× slower simulated phone) and an estimate of blocking time on that phone
// (Σ max(0, 4 × task − 50 ms) over every task, not only those between first paint and interactive:
// for comparing builds, not for predicting Lighthouse).
//
//   BUILDS='{"before":"/tmp/dist-a","after":"dist/web"}' npx tsx bench/client/loadCost.ts
//   env: PAGE (default /analytics/realtime), CAMPAIGNS (6), ROUNDS (5), SECONDS (3),
//        PHONE=1 (412×823 at 1.75× with touch, as Lighthouse's mobile; default 1280×800)
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../test/e2e/support/browser.ts';
import { type Stack, startStack } from '../../test/e2e/support/stack.ts';
import { percentile } from './stats.ts';

const env = process.env;
if (!env.BUILDS)
  throw new Error('BUILDS: a JSON object of name → built app directory, e.g. {"a":"dist/web"}');
const builds = JSON.parse(env.BUILDS) as Record<string, string>;
const page = env.PAGE ?? '/analytics/realtime';
const campaigns = Number(env.CAMPAIGNS ?? 6);
const rounds = Number(env.ROUNDS ?? 5);
const seconds = Number(env.SECONDS ?? 3);
const device = env.PHONE
  ? { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true }
  : { viewport: { width: 1280, height: 800 } };

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

const COLUMNS = [
  'tasks ms',
  'layout ms',
  'style ms',
  'paint ms',
  'tasks > 12.5 ms',
  'blocking on a 4× phone ms',
];

/** The page renderer's main thread: of the renderer main threads in the trace, the one that laid out most. */
function pageMainThread(events: TraceEvent[]): TraceEvent[] {
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const on = (m: TraceEvent) => events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === 'X');
  const layout = (xs: TraceEvent[]) => xs.reduce((a, e) => a + (e.name === 'Layout' ? (e.dur ?? 0) : 0), 0);
  const threads = mains.map(on).sort((a, b) => layout(b) - layout(a));
  if (!threads[0]) throw new Error('no renderer main thread in the trace');
  return threads[0];
}

function costOf(events: TraceEvent[]): number[] {
  const on = pageMainThread(events);
  const ms = (name: string) => on.reduce((a, e) => a + (e.name === name ? (e.dur ?? 0) : 0), 0) / 1000;
  const tasks = on.filter((e) => e.name === 'RunTask').map((e) => (e.dur ?? 0) / 1000);
  return [
    tasks.reduce((a, d) => a + d, 0),
    ms('Layout'),
    ms('UpdateLayoutTree'),
    ms('Paint'),
    tasks.filter((d) => d > 12.5).length,
    tasks.reduce((a, d) => a + Math.max(0, 4 * d - 50), 0),
  ];
}

const stacks = new Map<string, Stack>();
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS] });
try {
  for (const [name, dir] of Object.entries(builds))
    stacks.set(
      name,
      await startStack({ simulator: { campaigns, metricsHz: 4, seed: 7 }, bridge: { staticDir: dir } }),
    );
  // past the burst of call events when the simulator's campaigns all start together
  await new Promise((r) => setTimeout(r, 15_000));
  const rows = new Map<string, number[][]>();
  for (let round = 0; round < rounds; round++) {
    for (const [name, stack] of stacks) {
      const context = await browser.newContext(device);
      const tab = await context.newPage();
      const cdp = await context.newCDPSession(tab);
      const events: TraceEvent[] = [];
      cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
      const complete = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
      await cdp.send('Tracing.start', {
        categories: 'devtools.timeline,disabled-by-default-devtools.timeline,toplevel',
        transferMode: 'ReportEvents',
      });
      await tab.goto(`${stack.url}${page}`);
      await new Promise((r) => setTimeout(r, seconds * 1000));
      await cdp.send('Tracing.end');
      await complete;
      await context.close();
      const row = costOf(events);
      console.error(`round ${round} ${name}: ${row.map((x) => x.toFixed(0)).join(' · ')}`);
      rows.set(name, [...(rows.get(name) ?? []), row]);
    }
  }
  console.log(
    `\n${page}, ${campaigns} campaigns, ${env.PHONE ? 'phone 412×823' : '1280×800'}, first ${seconds} s of ${rounds} cold loads each (medians)\n`,
  );
  console.log(`| build | ${COLUMNS.join(' | ')} |\n|---|${COLUMNS.map(() => '---').join('|')}|`);
  for (const [name, rs] of rows)
    console.log(
      `| ${name} | ${COLUMNS.map((_, i) =>
        percentile(
          rs.map((r) => r[i] ?? 0),
          50,
        ).toFixed(0),
      ).join(' | ')} |`,
    );
} finally {
  await browser.close();
  for (const s of stacks.values()) await s.close();
}
