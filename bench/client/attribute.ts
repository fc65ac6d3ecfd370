// Which part of the overview page costs the main thread what: the real stack at benchmark load, the
// page at 1280×1700, and each part hidden in turn (display: none: no style, layout or paint for it,
// while its JS still runs), interleaved over rounds. Prints main-thread CPU % and frames/s per variant.
//   npx tsx bench/client/attribute.ts [seconds=15] [rounds=2]
import { launchBrowser } from '../../test/e2e/support/browser.ts';
import { startStack } from '../../test/e2e/support/stack.ts';
import { mainThreadCpuSeconds, renderersOf } from './procCpu.ts';

const [seconds = 15, rounds = 2] = process.argv.slice(2).map(Number);
const DEFAULT_VARIANTS: Record<string, string> = {
  all: '',
  'no activity chart': '.panel-activity{display:none!important}',
  'no outcomes panel': '.panel-outcomes{display:none!important}',
  'no donut': '.panel-outcomes svg{display:none!important}',
  'no kpi tiles': '.kpi-tiles{display:none!important}',
  'no health': '.system-health{display:none!important}',
  'no cards': '.campaign-list{display:none!important}',
  'no header status': '.connection-status{display:none!important}',
  'nothing shown': 'main{display:none!important}',
};
// VARIANTS='{"name":"css",…}' measures other parts (with "all" as the reference)
const VARIANTS: Record<string, string> = process.env.VARIANTS
  ? { all: '', ...JSON.parse(process.env.VARIANTS) }
  : DEFAULT_VARIANTS;
const stack = await startStack({ simulator: { campaigns: 100, metricsHz: 6, speed: 3.5, seed: 7 } });
const browser = await launchBrowser({ viewport: { width: 1280, height: 1700 } });
try {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(`${stack.url}/analytics/realtime`);
  await page.waitForFunction(() => document.querySelectorAll('article.campaign-card').length >= 100);
  // a string, not a function: tsx's name helper does not exist in the page
  await page.evaluate(
    'window.frames_ = 0; (function tick() { window.frames_++; requestAnimationFrame(tick); })()',
  );
  await new Promise((r) => setTimeout(r, 10_000));
  // the page's renderer is the busiest one (a spare renderer may sit idle beside it)
  const pids = renderersOf(browser.profile);
  if (pids.length === 0) throw new Error('no renderer found');
  const cpu = () => pids.map(mainThreadCpuSeconds);
  const busiest = (a: number[], b: number[]) => Math.max(...b.map((x, i) => x - (a[i] ?? 0)));
  const sums = new Map<string, { cpu: number; fps: number; n: number }>();
  for (let round = 0; round < rounds; round++) {
    for (const [name, css] of Object.entries(VARIANTS)) {
      await page.evaluate((c) => {
        let s = document.getElementById('attr-style');
        if (!s) {
          s = document.createElement('style');
          s.id = 'attr-style';
          document.head.append(s);
        }
        s.textContent = c;
      }, css);
      await new Promise((r) => setTimeout(r, 2_000));
      const f0 = await page.evaluate(() => (window as unknown as { frames_: number }).frames_);
      const c0 = cpu();
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, seconds * 1000));
      const c1 = cpu();
      const f1 = await page.evaluate(() => (window as unknown as { frames_: number }).frames_);
      const dt = (performance.now() - t0) / 1000;
      const s = sums.get(name) ?? { cpu: 0, fps: 0, n: 0 };
      const used = busiest(c0, c1);
      s.cpu += (used / dt) * 100;
      s.fps += (f1 - f0) / dt;
      s.n++;
      sums.set(name, s);
      console.error(
        `round ${round} ${name}: ${((used / dt) * 100).toFixed(1)} %, ${((f1 - f0) / dt).toFixed(1)} fps`,
      );
    }
  }
  console.log('| variant | main-thread CPU % | frames/s |\n|---|---|---|');
  for (const [name, s] of sums)
    console.log(`| ${name} | ${(s.cpu / s.n).toFixed(1)} | ${(s.fps / s.n).toFixed(1)} |`);
} finally {
  await browser.close();
  await stack.close();
}
