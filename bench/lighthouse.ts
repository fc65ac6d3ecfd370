// Lighthouse (the pinned 12.2.3) on the built PWA, served the way users get it: the real simulator
// feeding a real bridge on loopback, Debian's Chromium, desktop and mobile form factors. Prints a
// table of scores, the audits that failed, and writes them into bench/RESULTS.md between
// `<!-- lighthouse:start -->` and `<!-- lighthouse:end -->` (other benchmarks own other sections).
//
//   npm run bench:lighthouse                     # build into a temp dir, run every page × form factor
//   npm run bench:lighthouse -- --dist dist/web  # audit an existing build instead
//   npm run bench:lighthouse -- --no-write       # print only
//   npm run bench:lighthouse -- --save /tmp/lh    # keep every JSON report
//   npm run bench:lighthouse -- --runs 5          # 5 runs per page (default 3), the median one reported
//
// Wrap recorded runs in `flock /tmp/bench.lock …` on a shared machine: Lighthouse's performance
// score is measured on this CPU (its mobile numbers are simulated from a trace taken here).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import type { Config, Flags, Result } from 'lighthouse';
import lighthouse, { desktopConfig } from 'lighthouse';
// Lighthouse's own choice of the representative run (closest to the median FCP and TTI), as its CLI
// and PageSpeed Insights use: one run's mobile score moves ±5 here with the machine's other work
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { startBridge } from '../bridge/node/startBridge.ts';
import { startSimulator } from '../bridge/simulator/server.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS_FILE = join(ROOT, 'bench/RESULTS.md');
const START = '<!-- lighthouse:start -->';
const END = '<!-- lighthouse:end -->';

const DEFAULTS = {
  chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  categories: ['performance', 'accessibility', 'best-practices'] as const,
  targets: { performance: 90, accessibility: 95, 'best-practices': 95 } as Record<string, number>,
  pages: [
    { name: 'overview', path: '/analytics/realtime' },
    { name: 'campaign', path: '/analytics/campaigns/camp-01' },
    { name: 'wall (overview)', path: '/analytics/realtime?mode=wall&rotate=0&theme=dark' },
  ],
  formFactors: ['desktop', 'mobile'] as const,
  /** a run that takes longer than this is abandoned (the machine is shared) */
  runTimeoutMs: 180_000,
  /** the simulator's metrics_update rate per campaign (its own default): the live load during the audit */
  metricsHz: 4,
  campaigns: 6,
  /** runs per page and form factor; the table shows the median run and the spread of the scores */
  runs: 3,
  /**
   * seconds the simulator runs before the first audit: its campaigns start together, and their first
   * ~40 s carry 3–6× the call events of the steady feed after (measured: 36 → 6 call events/s), so
   * without it the first runs audit a different load than the later ones
   */
  warmupS: 60,
  chromiumFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'],
} as const;

type FormFactor = (typeof DEFAULTS.formFactors)[number];

interface RunResult {
  page: string;
  path: string;
  formFactor: FormFactor;
  scores: Record<string, number | null>;
  metrics: Record<string, string>;
  failing: { category: string; id: string; title: string; score: number | null; detail: string }[];
  warnings: string[];
  /** performance score of every run of this page and form factor, in run order */
  performanceRuns: number[];
}

const USAGE =
  'npm run bench:lighthouse -- [--dist <built app dir>] [--pages overview,campaign,wall] [--form-factors desktop,mobile] [--runs N] [--warmup S] [--metrics-hz N] [--save <dir for the JSON reports>] [--no-write]';

function parseCli(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      dist: { type: 'string' },
      pages: { type: 'string' },
      'form-factors': { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      save: { type: 'string' },
      'metrics-hz': { type: 'string' },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const pageNames = values.pages?.split(',').map((s) => s.trim());
  const pages = pageNames
    ? pageNames.map((n) => {
        const p = DEFAULTS.pages.find((x) => x.name.startsWith(n));
        if (!p)
          throw new Error(
            `--pages: unknown page ${JSON.stringify(n)}; one of ${DEFAULTS.pages.map((x) => x.name).join(', ')}`,
          );
        return p;
      })
    : [...DEFAULTS.pages];
  const formFactors = (
    values['form-factors']?.split(',').map((s) => s.trim()) ?? [...DEFAULTS.formFactors]
  ).map((f) => {
    if (f !== 'desktop' && f !== 'mobile')
      throw new Error(`--form-factors: ${JSON.stringify(f)} is not desktop or mobile`);
    return f as FormFactor;
  });
  const dist = values.dist ? resolve(values.dist) : null;
  if (dist && !existsSync(join(dist, 'index.html')))
    throw new Error(`--dist: ${dist} has no index.html (build it with npm run build)`);
  const metricsHz = values['metrics-hz'] === undefined ? DEFAULTS.metricsHz : Number(values['metrics-hz']);
  if (!Number.isFinite(metricsHz) || metricsHz <= 0 || metricsHz > 50)
    throw new Error(
      `--metrics-hz: a number of updates per campaign per second, 0 < n ≤ 50 (got ${values['metrics-hz']})`,
    );
  const runs = values.runs === undefined ? DEFAULTS.runs : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 20)
    throw new Error(`--runs: a whole number of runs per page, 1 to 20 (got ${values.runs})`);
  const warmupS = values.warmup === undefined ? DEFAULTS.warmupS : Number(values.warmup);
  if (!Number.isFinite(warmupS) || warmupS < 0 || warmupS > 600)
    throw new Error(
      `--warmup: seconds of simulated feed before the first audit, 0 to 600 (got ${values.warmup})`,
    );
  const save = values.save ? resolve(values.save) : null;
  if (save) mkdirSync(save, { recursive: true });
  return { dist, pages, formFactors, write: !values['no-write'], save, metricsHz, runs, warmupS };
}

/** A fresh production build in a temp dir: dist/web is shared and may be rebuilt by a test run meanwhile. */
function buildApp(): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(os.tmpdir(), 'wallboard-lighthouse-'));
  console.log(`building the app into ${dir} …`);
  execFileSync('npx', ['vite', 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

function machine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  return `${model}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${os.platform()}; load average (1/5/15 min) ${load}`;
}

function summarise(
  lhr: Result,
  page: { name: string; path: string },
  formFactor: FormFactor,
  performanceRuns: number[],
): RunResult {
  const scores: Record<string, number | null> = {};
  const failing: RunResult['failing'] = [];
  for (const id of DEFAULTS.categories) {
    const cat = lhr.categories[id];
    scores[id] = cat?.score === null || cat?.score === undefined ? null : Math.round(cat.score * 100);
    for (const ref of cat?.auditRefs ?? []) {
      const a = lhr.audits[ref.id];
      if (!a || a.scoreDisplayMode === 'notApplicable' || a.scoreDisplayMode === 'manual') continue;
      if (a.scoreDisplayMode === 'informative' && id !== 'performance') continue;
      const weighted = ref.weight > 0 || id !== 'performance';
      if (a.score !== null && a.score >= 0.9) continue;
      // metricSavings: Lighthouse 12's opportunities (e.g. uses-text-compression, with the FCP and LCP
      // it would save); leaving them out once hid 450 ms of uncompressed scripts from this table
      const kinds = ['numeric', 'binary', 'metricSavings'];
      if (!weighted && !kinds.includes(a.scoreDisplayMode)) continue;
      if (!weighted && id === 'performance' && (a.score ?? 1) >= 0.5) continue; // minor diagnostics
      const items = (
        a.details as { items?: { node?: { selector?: string; snippet?: string } }[] } | undefined
      )?.items;
      const nodes = (items ?? [])
        .map((i) => i.node?.selector ?? i.node?.snippet)
        .filter(Boolean)
        .slice(0, 3);
      failing.push({
        category: id,
        id: a.id,
        title: a.title,
        score: a.score,
        detail: [a.displayValue, nodes.length ? `on ${nodes.join(' | ')}` : ''].filter(Boolean).join(' '),
      });
    }
  }
  const metric = (id: string) => lhr.audits[id]?.displayValue ?? '–';
  return {
    page: page.name,
    path: page.path,
    formFactor,
    scores,
    metrics: {
      FCP: metric('first-contentful-paint'),
      LCP: metric('largest-contentful-paint'),
      TBT: metric('total-blocking-time'),
      CLS: metric('cumulative-layout-shift'),
      SI: metric('speed-index'),
    },
    failing,
    warnings: lhr.runWarnings,
    performanceRuns,
  };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms / 1000} s`)), ms);
    }),
  ]);
}

const mark = (score: number | null, category: string): string => {
  if (score === null) return '–';
  const target = DEFAULTS.targets[category] ?? 0;
  return score >= target ? `${score}` : `**${score}** ✗`;
};

/** "84 (79–92)": the median run's score, then the lowest and highest of all runs */
const withSpread = (r: RunResult): string => {
  const median = mark(r.scores.performance ?? null, 'performance');
  if (r.performanceRuns.length < 2) return median;
  return `${median} (${Math.min(...r.performanceRuns)}–${Math.max(...r.performanceRuns)})`;
};

/** a category's score as the table shows it, 0–100 */
const scoreOf = (lhr: Result, id = 'performance'): number =>
  Math.round((lhr.categories[id]?.score ?? 0) * 100);

function render(
  results: RunResult[],
  when: Date,
  machineLine: string,
  build: string,
  metricsHz: number,
  runs: number,
  warmupS: number,
): string {
  const lines: string[] = [];
  lines.push('## Lighthouse: the built PWA served by the bridge');
  lines.push('');
  lines.push(
    `Run ${when.toISOString()} — Lighthouse 12.2.3, ${execFileSync(DEFAULTS.chromium, ['--version']).toString().trim()} (headless); ${machineLine}.`,
  );
  lines.push('');
  lines.push(
    `App: ${build}, served by a real bridge fed by the simulator on 127.0.0.1 (${DEFAULTS.campaigns} campaigns, up to ${metricsHz} metrics updates per campaign per second flowing during the audit; ${warmupS > 0 ? `the feed ran ${warmupS} s before the first audit, past the burst of its campaigns' start` : 'audited from the start of the feed'}). Lighthouse's default throttling: mobile = simulated slow 4G and 4× CPU slowdown on a Moto G Power–sized screen, desktop = the desktop preset. Targets: performance ≥ ${DEFAULTS.targets.performance}, accessibility ≥ ${DEFAULTS.targets.accessibility}, best practices ≥ ${DEFAULTS.targets['best-practices']} (✗ = missed). Lighthouse 12 has no PWA category any more (installability is checked by the browser tests through \`Page.getInstallabilityErrors\`). ${runs > 1 ? `Each page and form factor ran ${runs} times, interleaved (run 1 of every page, then run 2, …); each row is the median run as Lighthouse's CLI picks it (closest to the median FCP and TTI), and its performance score is followed by the lowest and highest of the ${runs} runs.` : 'One run per page and form factor.'}`,
  );
  lines.push('');
  lines.push(
    '| page | form factor | performance | accessibility | best practices | FCP | LCP | TBT | CLS | SI |',
  );
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    lines.push(
      `| ${r.page} (\`${r.path}\`) | ${r.formFactor} | ${withSpread(r)} | ${mark(r.scores.accessibility ?? null, 'accessibility')} | ${mark(r.scores['best-practices'] ?? null, 'best-practices')} | ${r.metrics.FCP} | ${r.metrics.LCP} | ${r.metrics.TBT} | ${r.metrics.CLS} | ${r.metrics.SI} |`,
    );
  }
  const failing = results.flatMap((r) =>
    r.failing.map((f) => ({ ...f, where: `${r.page} ${r.formFactor}` })),
  );
  lines.push('');
  if (failing.length === 0) {
    lines.push('No audit below 0.9 in any of the three categories.');
  } else {
    lines.push(
      'Audits below 0.9 (score 0–1; performance lists weighted metrics, and diagnostics and opportunities under 0.5):',
    );
    lines.push('');
    const byAudit = new Map<string, { title: string; category: string; where: string[] }>();
    for (const f of failing) {
      const e = byAudit.get(f.id) ?? { title: f.title, category: f.category, where: [] };
      e.where.push(`${f.where}: ${f.score ?? '–'}${f.detail ? `, ${f.detail}` : ''}`);
      byAudit.set(f.id, e);
    }
    for (const [id, e] of byAudit)
      lines.push(`- ${e.category} · \`${id}\` ${e.title} — ${e.where.join('; ')}`);
  }
  const warnings = [...new Set(results.flatMap((r) => r.warnings))];
  if (warnings.length) {
    lines.push('');
    for (const w of warnings) lines.push(`- Lighthouse warning: ${w.replace(/\s+/g, ' ')}`);
  }
  return lines.join('\n');
}

/** Replaces only this benchmark's section, reading the file at the moment of writing (others write other sections). */
function writeSection(body: string): void {
  const existing = existsSync(RESULTS_FILE) ? readFileSync(RESULTS_FILE, 'utf8') : '# Benchmark results\n';
  const section = `${START}\n${body}\n${END}`;
  const start = existing.indexOf(START);
  const end = existing.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${existing.slice(0, start)}${section}${existing.slice(end + END.length)}`
      : `${existing.trimEnd()}\n\n${section}\n`;
  writeFileSync(RESULTS_FILE, next);
}

/** One Lighthouse run in a fresh browser: no service worker or cache from the run before skews the load. */
async function auditOnce(url: string, what: string, formFactor: FormFactor): Promise<Result> {
  const chrome = await chromeLauncher.launch({
    chromePath: DEFAULTS.chromium,
    chromeFlags: [...DEFAULTS.chromiumFlags],
    logLevel: 'silent',
  });
  try {
    const flags: Flags = {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...DEFAULTS.categories],
    };
    const config: Config | undefined = formFactor === 'desktop' ? desktopConfig : undefined;
    const t0 = Date.now();
    const run = await withTimeout(lighthouse(url, flags, config), DEFAULTS.runTimeoutMs, what);
    if (!run) throw new Error(`${what}: Lighthouse returned nothing`);
    if (run.lhr.runtimeError) throw new Error(`${what}: ${run.lhr.runtimeError.message}`);
    const score = (id: string) => scoreOf(run.lhr, id);
    console.log(
      `${what.padEnd(24)} perf ${score('performance')} · a11y ${score('accessibility')} · best ${score('best-practices')}  (${((Date.now() - t0) / 1000).toFixed(0)} s; load ${os.loadavg()[0]?.toFixed(2)})`,
    );
    return run.lhr;
  } finally {
    await chrome.kill();
  }
}

async function main(): Promise<void> {
  const opts = parseCli(process.argv.slice(2));
  if (!existsSync(DEFAULTS.chromium))
    throw new Error(`Chromium not found at ${DEFAULTS.chromium} (set CHROMIUM_PATH)`);
  const build = opts.dist ? { dir: opts.dist, dispose() {} } : buildApp();
  const when = new Date();
  const machineLine = machine();
  const simulator = await startSimulator({
    host: '127.0.0.1',
    port: 0,
    seed: 11,
    campaigns: DEFAULTS.campaigns,
    metricsHz: opts.metricsHz,
  });
  const bridge = await startBridge({
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    staticDir: build.dir,
    upstreamWsUrl: simulator.wsUrl,
    upstreamApiBaseUrl: simulator.apiBase,
  });
  const results: RunResult[] = [];
  if (opts.warmupS > 0) {
    console.log(`the simulator's feed runs ${opts.warmupS} s before the first audit …`);
    await new Promise((r) => setTimeout(r, opts.warmupS * 1000));
  }
  try {
    // every page's run 1, then every page's run 2, …: a slow minute of the machine falls on all pages
    const cells = opts.formFactors.flatMap((formFactor) => opts.pages.map((page) => ({ formFactor, page })));
    const lhrs = new Map<(typeof cells)[number], Result[]>(cells.map((c) => [c, []]));
    for (let i = 1; i <= opts.runs; i++) {
      for (const cell of cells) {
        const { formFactor, page } = cell;
        const lhr = await auditOnce(`${bridge.url}${page.path}`, `${page.name} ${formFactor}`, formFactor);
        lhrs.get(cell)?.push(lhr);
        if (opts.save) {
          const file = join(opts.save, `${page.name.replace(/\W+/g, '-')}-${formFactor}-${i}.json`);
          writeFileSync(file, JSON.stringify(lhr));
        }
      }
    }
    for (const cell of cells) {
      const runs = lhrs.get(cell) ?? [];
      results.push(
        summarise(
          computeMedianRun(runs),
          cell.page,
          cell.formFactor,
          runs.map((lhr) => scoreOf(lhr)),
        ),
      );
    }
  } finally {
    await bridge.close();
    await simulator.close();
    if (!opts.dist) build.dispose();
  }
  const buildName = opts.dist
    ? `\`${opts.dist.replace(ROOT, '')}\``
    : 'a fresh production build (`vite build`, NODE_ENV=production)';
  const text = render(
    results,
    when,
    `${machineLine} at start, ${os.loadavg()[0]?.toFixed(2)} (1 min) at the end`,
    buildName,
    opts.metricsHz,
    opts.runs,
    opts.warmupS,
  );
  console.log(`\n${text}\n`);
  if (opts.write) {
    writeSection(text);
    console.log(`wrote the lighthouse section of ${RESULTS_FILE}`);
  }
  const missed = results.some((r) =>
    DEFAULTS.categories.some((c) => (r.scores[c] ?? 0) < (DEFAULTS.targets[c] ?? 0)),
  );
  if (missed) process.exitCode = 2;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
