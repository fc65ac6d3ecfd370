// The client benchmark's result: its shape, the printed table, and its section of bench/RESULTS.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface ClientResult {
  date: string;
  machine: { cpu: string; cores: number; loadBefore: string; loadAfter: string };
  config: { campaigns: number; metricsHz: number; speed: number; minutes: number; quick: boolean };
  /** bridge envelopes per second as a reference client received them, by type and in total */
  rate: { total: number; byType: Record<string, number> };
  latency: {
    windowS: number;
    samples: number;
    seen: number;
    invisible: number;
    unobservable: number;
    /** metrics_updates for cards outside the viewport (not timed); absent in results from before it existed */
    offScreen?: number;
    unresolved: number;
    /** bridge send (reference client receipt) → DOM change */
    endToEnd: { p50: number; p99: number; max: number };
    /** bridge send → end of the frame that paints the change (main thread) */
    toPaint?: { p50: number; p99: number; max: number };
    /** the message reaching the page (a socket worker batch or a WebSocket message event) → DOM change */
    inPage: { p50: number; p99: number; max: number };
    clockOffsetMs: number;
  };
  busy: {
    windowS: number;
    /** main-thread CPU seconds per second (/proc) */
    cpuShare: number;
    /** TaskDuration per second (wall time of tasks, waiting for a core included) */
    share: number;
    worst30s: number;
    script: number;
    layout: number;
    style: number;
  };
  /** the floor page (client/floorPage.ts) under the same feed; absent in results from before it existed */
  floor?: {
    /** socket, parse and writes on the page */
    cpuShare: number;
    /** socket and parse in a worker, writes on the page (absent in results from before it existed) */
    workerCpuShare?: number;
    windowS: number;
    rows: number;
    /** each floor's own run: CPU, then latency and long tasks (absent in results from before they existed) */
    page?: FloorRun;
    worker?: FloorRun;
  };
  longTasks: { count: number; maxMs: number; excludedGc: number };
  heap: {
    intervalS: number;
    samplesMb: number[];
    firstMb: number;
    lastMb: number;
    slopeKbPerMin: number;
    flat: boolean;
  };
  firstPaint: {
    beforeFcp: { files: Array<{ path: string; gzipBytes: number }>; totalGzipBytes: number };
    staticGraphGzipBytes: number;
    dashboardGzipBytes: number;
    fcpMs: number;
  };
  reactStack: { measured: boolean; gzipBytes: number; note: string; versions: Record<string, string> };
}

export interface FloorRun {
  cpuShare: number;
  /** bridge send → the numbers written (→ DOM) and → the end of the frame that paints them */
  latency: {
    samples: number;
    toDom: { p50: number; p99: number; max: number };
    toPaint: { p50: number; p99: number; max: number };
  };
  /** over the latency window only */
  longTasks: { count: number; maxMs: number };
}

export const TARGETS = {
  latencyP99Ms: 50,
  longTaskMs: 50,
  busyShare: 0.15,
  firstPaintKb: 60,
  /** heap growth that still counts as flat: under this per minute over the run (after GC) */
  heapSlopeKbPerMin: 50,
} as const;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : 'n/a');
const pct = (f: number) => (Number.isFinite(f) ? `${(f * 100).toFixed(1)} %` : 'not measured');
const met = (ok: boolean) => (ok ? 'met' : '**missed**');

export function verdicts(r: ClientResult) {
  return {
    /** the issue's own measure: event → DOM */
    latencyDom: r.latency.samples > 0 && r.latency.endToEnd.p99 <= TARGETS.latencyP99Ms,
    /** the stricter one: until the frame that paints it is done */
    latency: r.latency.samples > 0 && (r.latency.toPaint ?? r.latency.endToEnd).p99 <= TARGETS.latencyP99Ms,
    longTasks: r.longTasks.count === 0,
    busy: r.busy.cpuShare <= TARGETS.busyShare,
    heap: r.heap.flat,
    firstPaint: r.firstPaint.staticGraphGzipBytes <= TARGETS.firstPaintKb * 1024,
  };
}

export function resultRows(r: ClientResult, baseline?: ClientResult): string[][] {
  const v = verdicts(r);
  const b = baseline;
  const rows: string[][] = [
    [
      'Event → DOM p50 / p99 (bridge send → DOM change; the target as the issue words it)',
      `≤ ${TARGETS.latencyP99Ms} ms p99`,
      `${ms(r.latency.endToEnd.p50)} / ${ms(r.latency.endToEnd.p99)} (max ${ms(r.latency.endToEnd.max)}, n=${r.latency.samples})`,
      b ? `${ms(b.latency.endToEnd.p50)} / ${ms(b.latency.endToEnd.p99)}` : '',
      met(v.latencyDom),
    ],
    [
      'Event → painted frame p50 / p99 (bridge send → frame done; the same target, held to the stricter end)',
      `≤ ${TARGETS.latencyP99Ms} ms p99`,
      r.latency.toPaint
        ? `${ms(r.latency.toPaint.p50)} / ${ms(r.latency.toPaint.p99)} (max ${ms(r.latency.toPaint.max)})`
        : 'not measured',
      b
        ? b.latency.toPaint
          ? `${ms(b.latency.toPaint.p50)} / ${ms(b.latency.toPaint.p99)}`
          : 'not measured'
        : '',
      met(v.latency),
    ],
    [
      'Message in page → DOM p50 / p99 (worker batch or WS message event → DOM change)',
      '',
      `${ms(r.latency.inPage.p50)} / ${ms(r.latency.inPage.p99)}`,
      b ? `${ms(b.latency.inPage.p50)} / ${ms(b.latency.inPage.p99)}` : '',
      '',
    ],
    [
      'Main thread busy: CPU time of the renderer main thread / wall time',
      `≤ ${pct(TARGETS.busyShare)}`,
      pct(r.busy.cpuShare),
      b?.busy.cpuShare !== undefined ? pct(b.busy.cpuShare) : b ? 'not measured' : '',
      met(v.busy),
    ],
    [
      'Floor: the same feed on a bare page (raw WebSocket, JSON.parse, textContent into a 100-row table), main-thread CPU',
      '',
      r.floor
        ? `${pct(r.floor.cpuShare)} (dashboard ${(r.busy.cpuShare / r.floor.cpuShare).toFixed(1)}× it)`
        : 'not measured',
      b?.floor ? pct(b.floor.cpuShare) : b ? 'not measured' : '',
      '',
    ],
    [
      "Floor with the socket and JSON.parse in a worker (the dashboard's layout), main-thread CPU",
      '',
      r.floor?.workerCpuShare !== undefined
        ? `${pct(r.floor.workerCpuShare)} (dashboard ${(r.busy.cpuShare / r.floor.workerCpuShare).toFixed(1)}× it)`
        : 'not measured',
      b?.floor?.workerCpuShare !== undefined ? pct(b.floor.workerCpuShare) : b ? 'not measured' : '',
      '',
    ],
    ...floorRows('socket on the page', r.floor?.page, b?.floor?.page),
    ...floorRows('socket in a worker', r.floor?.worker, b?.floor?.worker),
    [
      'Main thread task time (TaskDuration, incl. waiting for a core) / wall time: window / worst 30 s',
      '',
      `${pct(r.busy.share)} / ${pct(r.busy.worst30s)} (script ${pct(r.busy.script)}, layout ${pct(r.busy.layout)}, style ${pct(r.busy.style)})`,
      b ? `${pct(b.busy.share)} / ${pct(b.busy.worst30s)}` : '',
      '',
    ],
    [
      'Long tasks (count, longest)',
      `none > ${TARGETS.longTaskMs} ms`,
      `${r.longTasks.count}, ${r.longTasks.count ? ms(r.longTasks.maxMs) : '—'}${r.longTasks.excludedGc ? ` (+${r.longTasks.excludedGc} during forced GC, not counted)` : ''}`,
      b ? `${b.longTasks.count}, ${b.longTasks.count ? ms(b.longTasks.maxMs) : '—'}` : '',
      met(v.longTasks),
    ],
    [
      `Heap after GC, every ${r.heap.intervalS} s (first → last, slope)`,
      'flat',
      `${r.heap.firstMb.toFixed(2)} → ${r.heap.lastMb.toFixed(2)} MB, ${r.heap.slopeKbPerMin.toFixed(1)} KB/min over ${r.config.minutes} min`,
      b
        ? `${b.heap.firstMb.toFixed(2)} → ${b.heap.lastMb.toFixed(2)} MB, ${b.heap.slopeKbPerMin.toFixed(1)} KB/min`
        : '',
      met(v.heap),
    ],
    [
      'JS for the first dashboard paint: index.html module graph (gzip -9)',
      `≤ ${TARGETS.firstPaintKb} KB`,
      kb(r.firstPaint.staticGraphGzipBytes),
      b ? kb(b.firstPaint.staticGraphGzipBytes) : '',
      met(v.firstPaint),
    ],
    [
      'JS fetched before first contentful paint (this load)',
      '',
      `${kb(r.firstPaint.beforeFcp.totalGzipBytes)} (${r.firstPaint.beforeFcp.files.length} files; FCP ${ms(r.firstPaint.fcpMs)})`,
      b ? kb(b.firstPaint.beforeFcp.totalGzipBytes) : '',
      '',
    ],
    [
      'JS for the full dashboard incl. lazy chart chunk',
      '',
      kb(r.firstPaint.dashboardGzipBytes),
      b ? kb(b.firstPaint.dashboardGzipBytes) : '',
      '',
    ],
    [
      'React 19 + RTK + react-redux + Recharts + react-router (libraries only)',
      '',
      `${kb(r.reactStack.gzipBytes)}${r.reactStack.measured ? '' : ' (not measured)'}`,
      '',
      '',
    ],
  ];
  return b ? rows : rows.map((row) => [row[0]!, row[1]!, row[2]!, row[4]!]);
}

export function markdownTable(rows: string[][], baseline: boolean): string {
  const head = baseline
    ? ['Measure', 'Target', 'Result', 'Before (--baseline)', 'Target met']
    : ['Measure', 'Target', 'Result', 'Target met'];
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export const SECTION_START = '<!-- client:start -->';
export const SECTION_END = '<!-- client:end -->';

/** `existing` with the client section replaced by `body` (appended when absent). */
export function replaceSection(existing: string, body: string): string {
  const block = `${SECTION_START}\n${body.trim()}\n${SECTION_END}`;
  const start = existing.indexOf(SECTION_START);
  const end = existing.indexOf(SECTION_END);
  if (start >= 0 && end > start)
    return existing.slice(0, start) + block + existing.slice(end + SECTION_END.length);
  return `${existing.trimEnd()}${existing.trim() ? '\n\n' : ''}${block}\n`;
}

/** Read-modify-write at the moment of writing: other benchmarks own the file's other sections. */
export function writeSection(path: string, body: string): void {
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '';
  writeFileSync(path, replaceSection(existing, body));
}

/** The floor's latency and long tasks, beside the dashboard's: what any page gets on this machine. */
function floorRows(label: string, f: FloorRun | undefined, b: FloorRun | undefined): string[][] {
  const lat = (x: FloorRun) =>
    `${ms(x.latency.toDom.p50)} / ${ms(x.latency.toDom.p99)} → DOM; ${ms(x.latency.toPaint.p50)} / ${ms(x.latency.toPaint.p99)} → painted (n=${x.latency.samples})`;
  const long = (x: FloorRun) => `${x.longTasks.count}, ${x.longTasks.count ? ms(x.longTasks.maxMs) : '—'}`;
  return [
    [
      `Floor (${label}): event → DOM and → painted frame p50 / p99`,
      '',
      f ? lat(f) : 'not measured',
      b ? lat(b) : '',
      '',
    ],
    [
      `Floor (${label}): long tasks over its latency window (count, longest)`,
      '',
      f ? long(f) : 'not measured',
      b ? long(b) : '',
      '',
    ],
  ];
}
