// Where the overview page's main-thread time goes under load: an unminified build served by the
// real bridge, a CDP CPU profile of N seconds, self time summed per function.
//   npx tsx bench/client/profile.ts [seconds=15] [campaigns=100] [metricsHz=6] [speed=2]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../../test/e2e/support/browser.ts';
import { startStack } from '../../test/e2e/support/stack.ts';

const [seconds = 15, campaigns = 100, metricsHz = 6, speed = 2] = process.argv.slice(2).map(Number);
const root = fileURLToPath(new URL('../../', import.meta.url));
const outDir = '/tmp/wallboard-profile-build';
execFileSync(
  'npx',
  ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--minify', 'false', '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const stack = await startStack({
  simulator: { campaigns, metricsHz, speed, seed: 7 },
  bridge: { staticDir: outDir },
});
// HEIGHT: a taller viewport (bench:client uses 1280×1700: tiles, charts, health and six cards on screen)
const browser = await launchBrowser({ viewport: { width: 1280, height: Number(process.env.HEIGHT ?? 800) } });
try {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(`${stack.url}/analytics/realtime`);
  await page.waitForFunction(
    (n) => document.querySelectorAll('article.campaign-card').length >= n,
    campaigns,
  );
  await new Promise((r) => setTimeout(r, 5_000));
  const cdp = await browser.context.newCDPSession(page);
  if (process.env.TRACE) {
    // where the main thread's non-JS time goes: top-level trace events by name, self time
    if (process.env.CSS) await page.addStyleTag({ content: process.env.CSS });
    console.log(
      await page.evaluate(() => {
        const c = document.querySelector('article.campaign-card')!.getBoundingClientRect();
        return `card ${c.width}×${c.height}`;
      }),
    );
    // biome-ignore lint/suspicious/noExplicitAny: trace event args vary by event
    const events: Array<{ name: string; ph: string; dur?: number; tid: number; pid: number; args?: any }> =
      [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as typeof events)));
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline,disabled-by-default-devtools.timeline,toplevel,blink,v8',
      transferMode: 'ReportEvents',
    });
    await new Promise((r) => setTimeout(r, seconds * 1000));
    await cdp.send('Tracing.end');
    await done;
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    const onMain = events.filter((e) => main && e.tid === main.tid && e.pid === main.pid && e.ph === 'X');
    const byName = new Map<string, { n: number; us: number }>();
    for (const e of onMain) {
      const b = byName.get(e.name) ?? { n: 0, us: 0 };
      b.n++;
      b.us += e.dur ?? 0;
      byName.set(e.name, b);
    }
    const layouts = onMain.filter((e) => e.name === 'Layout');
    const avg = layouts.reduce((a, l) => a + (l.dur ?? 0), 0) / Math.max(1, layouts.length) / 1000;
    const dirty =
      layouts.reduce((a, l) => a + (l.args?.beginData?.dirtyObjects ?? 0), 0) / Math.max(1, layouts.length);
    console.log(`layouts ${layouts.length}, mean ${avg.toFixed(2)} ms, mean dirty ${dirty.toFixed(0)}`);
    for (const l of layouts.slice(0, 8))
      console.log(
        `layout ${((l.dur ?? 0) / 1000).toFixed(1)} ms ${JSON.stringify(l.args?.beginData)} ${JSON.stringify(l.args?.endData)?.slice(0, 200)}`,
      );
    const rows = [...byName.entries()].sort((a, b) => b[1].us - a[1].us).slice(0, 40);
    for (const [k, b] of rows)
      console.log(
        `${((b.us / 1e6 / seconds) * 100).toFixed(1).padStart(6)} %  ${String(b.n).padStart(6)}×  ${k}`,
      );
    process.exit(0);
  }
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  writeFileSync('/tmp/wallboard-overview.cpuprofile', JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40);
  console.log(`profile ${(total / 1e6).toFixed(1)} s, self time:`);
  for (const [k, us] of rows) console.log(`${((us / total) * 100).toFixed(1).padStart(5)} %  ${k}`);
} finally {
  await browser.close();
  await stack.close();
}
