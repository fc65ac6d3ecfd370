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
  p99: number;
  max: number;
  /** Clients that ended in the upstream's final state. */
  matching: number;
  gaps: number;
  gapsHealed: number;
  resnapshots: number;
  openGaps: number;
  outOfOrder: number;
  drops: number;
  /** ms after the publisher stopped until every client matched the final state; null if never. */
  drainMs: number | null;
  cpu: { server: number; loadgens: number[]; publisher: number };
  serverCpuUsPerDelivery: number;
  serverRssMb: number;
  mismatchSample: string | null;
}

export interface ServerResult {
  kind: ServerKind;
  transports: string;
  connected: number;
  failed: number;
  firstError: string | null;
  connectMs: number;
  rssBeforeMb: number;
  rssIdleMb: number;
  kbPerIdleConn: number;
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
  return `${lost} lost, ${p.gaps} gaps (${p.gapsHealed} healed)${told}`;
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
    return `| ${LABELS[r.kind]} (${r.transports}) | ${r.connected}/${r.connected + r.failed} | ${k(l.deliveredPerS)} | ${f0(l.p50)} / ${f0(l.p99)} / ${f0(l.max)} | ${l.matching}/${l.clients} | ${lossCell(l)} | ${f0(l.cpu.server)} | ${f1(l.serverCpuUsPerDelivery)} | ${f1(r.kbPerIdleConn)} | ${k(t.deliveredPerS)} | ${f0(t.p50)} / ${f0(t.p99)} | ${t.matching}/${t.clients}${t.drainMs === null ? ' (not drained)' : ` (+${(t.drainMs / 1000).toFixed(1)} s)`} |`;
  });
  return [...head, ...rows].join('\n');
}

export function cpuShareTable(results: readonly ServerResult[]): string {
  const lines = [
    '| server | phase | server % | load generators % | publisher + orchestrator % | server RSS MB | drained after |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    for (const [name, p] of [
      ['latency', r.latency],
      ['throughput', r.throughput],
    ] as const) {
      if (!p) continue;
      lines.push(
        `| ${r.kind} | ${name} @ ${p.rate}/s | ${f0(p.cpu.server)} | ${p.cpu.loadgens.map(f0).join(' + ')} | ${f0(p.cpu.publisher)} | ${f0(p.serverRssMb)} | ${p.drainMs === null ? 'not drained' : `${p.drainMs} ms`} |`,
      );
    }
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
