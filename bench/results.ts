// What one server's run measured, the markdown table of all runs, and the RESULTS.md section update.
import type { ServerKind } from './defaults.ts';

export interface PhaseResult {
  rate: number;
  published: number;
  publishMs: number;
  clients: number;
  /** Events delivered over all clients. */
  events: number;
  /** published × clients: what lossless delivery is. */
  expected: number;
  /** Events/s delivered while the publisher ran. */
  deliveredPerS: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Of `clients`, those still connected at the end. */
  open: number;
  /** Clients that ended in the upstream's final state. */
  matching: number;
  gaps: number;
  gapsHealed: number;
  resnapshots: number;
  openGaps: number;
  outOfOrder: number;
  drops: number;
  /** The deliberately slow clients (stalled for `stallMs` mid-phase), counted apart from the rest. */
  slow: SlowResult;
  /** ms after the publisher stopped until every client matched the final state; null if never. */
  drainMs: number | null;
  /** % of one core: each benchmark process, and the whole machine (the rest is other work). */
  cpu: {
    server: number;
    loadgens: number[];
    /** Load-generator CPU µs per message it received while publishing, per process. */
    loadgenUsPerMessage: number[];
    publisher: number;
    machine: number;
  };
  /** 1-minute load average when the phase started. */
  load1: number;
  serverCpuUsPerDelivery: number;
  /** The server's own counters after the phase (bridge: conflated, kicked, lagging), cumulative. */
  serverStats: Record<string, number>;
  serverRssMb: number;
  mismatchSample: string | null;
}

export interface SlowResult {
  clients: number;
  stallMs: number;
  open: number;
  matching: number;
  events: number;
  expected: number;
  gaps: number;
  gapsHealed: number;
  resnapshots: number;
  openGaps: number;
  drops: number;
  p99: number;
}

export interface ServerResult {
  kind: ServerKind;
  /** 1-based round when the run repeats the servers (--rounds), else 0. */
  round: number;
  transports: string;
  connected: number;
  failed: number;
  firstError: string | null;
  connectMs: number;
  rssBeforeMb: number;
  rssIdleMb: number;
  kbPerIdleConn: number;
  /** Short phases at rising rates (no stalled clients), stopped once p99 is far past the bound. */
  sweep: PhaseResult[];
  latency: PhaseResult | null;
  throughput: PhaseResult | null;
  error: string | null;
}

export const LABELS: Record<ServerKind, string> = {
  bridge: 'bridge (Hono)',
  raw: 'raw `ws` + http SSE (floor)',
  socketio: 'socket.io 4.8',
};

const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '–');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const k = (n: number) => (Number.isFinite(n) ? `${(n / 1000).toFixed(1)} k` : '–');

function lossCell(p: PhaseResult): string {
  const lost = p.expected - p.events;
  const told = p.resnapshots > 0 ? `, ${p.resnapshots} re-snapshots` : '';
  const gone = p.clients > p.open ? `, ${p.clients - p.open} disconnected` : '';
  return `${lost} lost, ${p.gaps} gaps (${p.gapsHealed} healed)${told}${gone}`;
}

export function resultTable(results: readonly ServerResult[]): string {
  const head = [
    '| server | clients ready | delivered/s @ latency rate | p50 / p99 / max ms | final state ok | loss | server CPU % | CPU µs/delivery | idle KB/conn | delivered/s @ throughput rate | p50 / p99 ms under load | all final after load |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const rows = results.map((r) => {
    if (!r.latency || !r.throughput) {
      return `| ${LABELS[r.kind]} | ${r.connected}/${r.connected + r.failed} | failed: ${r.error ?? r.firstError ?? '?'} |||||||||||`;
    }
    const l = r.latency;
    const t = r.throughput;
    return `| ${LABELS[r.kind]}${r.round ? ` #${r.round}` : ''} (${r.transports}) | ${r.connected}/${r.connected + r.failed} | ${k(l.deliveredPerS)} | ${f0(l.p50)} / ${f0(l.p99)} / ${f0(l.max)} | ${l.matching}/${l.clients} | ${lossCell(l)} | ${f0(l.cpu.server)} | ${f1(l.serverCpuUsPerDelivery)} | ${f1(r.kbPerIdleConn)} | ${k(t.deliveredPerS)} | ${f0(t.p50)} / ${f0(t.p99)} | ${t.matching}/${t.clients}${t.drainMs === null ? ' (not drained)' : ` (+${(t.drainMs / 1000).toFixed(1)} s)`} |`;
  });
  return [...head, ...rows].join('\n');
}

const otherCpu = (p: PhaseResult) =>
  Math.max(0, p.cpu.machine - p.cpu.server - p.cpu.publisher - p.cpu.loadgens.reduce((a, b) => a + b, 0));

export function cpuShareTable(results: readonly ServerResult[]): string {
  const lines = [
    '| server | phase | server % | load generators % (WS / SSE) | publisher + orchestrator % | other processes % | load avg (1 min) | server RSS MB | drained after |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    for (const [name, p] of [
      ['latency', r.latency],
      ['throughput', r.throughput],
    ] as const) {
      if (!p) continue;
      lines.push(
        `| ${r.kind}${r.round ? ` #${r.round}` : ''} | ${name} @ ${p.rate}/s | ${f0(p.cpu.server)} | ${p.cpu.loadgens.map(f0).join(' + ')} (${p.cpu.loadgenUsPerMessage.map(f1).join(' / ')} µs/msg) | ${f0(p.cpu.publisher)} | ${f0(otherCpu(p))} | ${p.load1.toFixed(2)} | ${f0(p.serverRssMb)} | ${p.drainMs === null ? 'not drained' : `${p.drainMs} ms`} |`,
      );
    }
  }
  return lines.join('\n');
}

export function slowTable(results: readonly ServerResult[]): string {
  const lines = [
    '| server | phase | slow clients (stalled) | still connected | in final state | events not delivered | gaps seen / healed by snapshot / left open | re-snapshots | disconnects | p99 ms |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    for (const [name, p] of [
      ['latency', r.latency],
      ['throughput', r.throughput],
    ] as const) {
      if (!p || p.slow.clients === 0) continue;
      const s = p.slow;
      lines.push(
        `| ${r.kind}${r.round ? ` #${r.round}` : ''} | ${name} @ ${p.rate}/s | ${s.clients} (${(s.stallMs / 1000).toFixed(0)} s) | ${s.open} | ${s.matching} | ${s.expected - s.events} | ${s.gaps} / ${s.gapsHealed} / ${s.openGaps} | ${s.resnapshots} | ${s.drops} | ${f0(s.p99)} |`,
      );
    }
  }
  return lines.join('\n');
}

/** The sweep step with the most deliveries/s whose p99 is within `boundMs` and that drained. */
export function capacityAt(r: ServerResult, boundMs: number): PhaseResult | undefined {
  return r.sweep
    .filter((p) => p.p99 <= boundMs && p.drainMs !== null && p.matching === p.clients)
    .sort((a, b) => b.deliveredPerS - a.deliveredPerS)[0];
}

export function sweepTable(results: readonly ServerResult[], bounds: readonly number[]): string {
  const rates = [...new Set(results.flatMap((r) => r.sweep.map((p) => p.rate)))].sort((a, b) => a - b);
  const lines = [
    `| server | ${rates.map((x) => `${x}/s`).join(' | ')} | ${bounds.map((b) => `most deliveries/s with p99 ≤ ${b} ms`).join(' | ')} |`,
    `|---|${rates.map(() => '---|').join('')}${bounds.map(() => '---|').join('')}`,
  ];
  for (const r of results) {
    const cells = rates.map((rate) => {
      const p = r.sweep.find((x) => x.rate === rate);
      return p ? `${k(p.deliveredPerS)}, p50 ${f0(p.p50)} / p99 ${f0(p.p99)}` : '–';
    });
    const caps = bounds.map((b) => {
      const cap = capacityAt(r, b);
      return cap ? `**${k(cap.deliveredPerS)}** (at ${cap.rate}/s)` : 'none';
    });
    lines.push(`| ${r.kind}${r.round ? ` #${r.round}` : ''} | ${cells.join(' | ')} | ${caps.join(' | ')} |`);
  }
  return lines.join('\n');
}

export const SECTION_START = '<!-- fanout:start -->';
export const SECTION_END = '<!-- fanout:end -->';
const HEADER =
  '# Benchmark results\n\nEach benchmark owns one delimited section; a run replaces only its own.\n';

/** `existing` with the fan-out section replaced by `body` (appended when absent; file made when empty). */
export function replaceSection(existing: string, body: string): string {
  const section = `${SECTION_START}\n${body.trim()}\n${SECTION_END}`;
  const base = existing.trim() === '' ? HEADER : existing;
  const a = base.indexOf(SECTION_START);
  const b = base.indexOf(SECTION_END);
  if (a >= 0 && b > a) return base.slice(0, a) + section + base.slice(b + SECTION_END.length);
  return `${base.trimEnd()}\n\n${section}\n`;
}
