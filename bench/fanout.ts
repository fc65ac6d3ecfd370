// `npm run bench:fanout [-- --quick]`: the same fan-out workload against the bridge, a raw `ws`
// broadcast server (the floor) and socket.io, one after the other, each in its own process; prints
// the table and writes it into bench/RESULTS.md between the fanout markers.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, setPriority, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DEFAULTS } from './defaults.ts';
import { type BenchOptions, parseOptions } from './options.ts';
import { startPublisher } from './publisher.ts';
import {
  capacityAt,
  cpuShareTable,
  replaceSection,
  resultTable,
  type ServerResult,
  slowTable,
  sweepTable,
} from './results.ts';
import { runServer } from './runServer.ts';

const RESULTS_FILE = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

function machine(): string {
  const c = cpus();
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  return `${c[0]?.model ?? 'unknown CPU'}, ${c.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${process.platform}; load average at start (1/5/15 min): ${load}`;
}

function ratio(a: number | undefined, b: number | undefined): string {
  return a !== undefined && b !== undefined && b > 0 ? (a / b).toFixed(2) : '–';
}

/** The kernel's TCP buffer ceilings, which decide how long a stalled client goes unnoticed. */
function socketBuffers(): string {
  const max = (name: string) => {
    try {
      const bytes = Number(readFileSync(`/proc/sys/net/ipv4/${name}`, 'utf8').trim().split(/\s+/)[2]);
      return `${name} up to ${(bytes / 2 ** 20).toFixed(0)} MiB`;
    } catch {
      return `${name} unknown`;
    }
  };
  return `${max('tcp_rmem')}, ${max('tcp_wmem')}`;
}

const fk = (n: number | undefined) =>
  n === undefined ? '–' : n === 0 ? 'none' : `${(n / 1000).toFixed(1)} k/s`;

function verdicts(results: readonly ServerResult[], o: BenchOptions): string[] {
  // With several rounds, each server is judged on its best one (the least disturbed by other work).
  const best = (k: string, score: (r: ServerResult) => number) =>
    results.filter((r) => r.kind === k).sort((a, b) => score(b) - score(a))[0];
  const byThroughput = (r: ServerResult) => r.throughput?.deliveredPerS ?? -1;
  const raw = best('raw', byThroughput);
  const sio = best('socketio', byThroughput);
  const tb = best('bridge', byThroughput)?.throughput?.deliveredPerS;
  const bridge = best('bridge', (r) => -(r.latency?.p99 ?? Number.POSITIVE_INFINITY));
  const lines: string[] = [];
  const cap = (k: string, bound: number) => {
    const caps = results.filter((r) => r.kind === k).map((r) => capacityAt(r, bound)?.deliveredPerS ?? 0);
    return caps.length > 0 ? Math.max(...caps) : undefined;
  };
  if (o.sweepRates.length > 0) {
    for (const bound of [DEFAULTS.p99TargetMs, DEFAULTS.p99LooseMs]) {
      lines.push(
        `- Latency-bounded capacity (most deliveries/s with p99 ≤ ${bound} ms): bridge ${fk(cap('bridge', bound))}, raw floor ${fk(cap('raw', bound))}, socket.io ${fk(cap('socketio', bound))}; bridge / raw floor = **${ratio(cap('bridge', bound), cap('raw', bound))}**, bridge / socket.io = **${ratio(cap('bridge', bound), cap('socketio', bound))}**.`,
      );
    }
  }
  // A server that lost clients before the throughput phase delivers to fewer of them: not comparable.
  const shrunk = [raw, sio, best('bridge', byThroughput)].filter(
    (r) => r?.throughput && r.throughput.open < r.connected - 2 * o.slowPerTransport,
  );
  lines.push(
    `- Throughput ratios at ${o.throughputRate} events/s offered: bridge / raw floor = **${ratio(tb, raw?.throughput?.deliveredPerS)}** (target ≥ 0.8), bridge / socket.io = **${ratio(tb, sio?.throughput?.deliveredPerS)}** (target ≥ 2).${shrunk
      .map(
        (r) =>
          ` NOT COMPARABLE for ${r?.kind}: only ${r?.throughput?.open} of its ${r?.connected} clients were still connected in that phase.`,
      )
      .join('')}`,
  );
  if (bridge?.latency) {
    const l = bridge.latency;
    // Nothing lost: fast clients get every event; slow ones end in the final state, every gap repaired.
    const fastOk = l.matching === l.clients && l.expected === l.events && l.gaps === 0 && l.drops === 0;
    const slowOk = l.slow.matching === l.slow.clients && l.slow.openGaps === 0 && l.slow.drops === 0;
    lines.push(
      `- Bridge at ${o.rate} events/s: p99 ${l.p99} ms over ${l.clients} clients (target ≤ 50 ms: ${l.p99 <= 50 ? 'met' : 'MISSED'}); ${l.matching}/${l.clients} in the final state, ${l.expected - l.events} events not delivered, ${l.gaps} gaps (${fastOk ? 'nothing lost' : 'LOSS'}). Slow clients: ${l.slow.matching}/${l.slow.clients} in the final state, ${l.slow.gaps} gaps, ${l.slow.resnapshots} re-snapshots, ${l.slow.openGaps} gaps left open, ${l.slow.drops} disconnected (${!slowOk ? 'NOT MET' : l.slow.gaps + l.slow.resnapshots === 0 ? 'nothing shed: the stall fit in socket buffers' : 'shed only when slow, and told'}).`,
    );
    const st = bridge.throughput?.serverStats ?? bridge.latency.serverStats;
    lines.push(
      `- Bridge's own counters at the end (cumulative): ${Object.entries(st)
        .map(([k, v]) => `${k} ${v}`)
        .join(
          ', ',
        )} (conflated = clients resynced by snapshot after falling behind; kicked = closed 4008 for slowness; WebSocket heartbeat terminations are not counted there).`,
    );
    const t = bridge.throughput;
    if (t) {
      lines.push(
        `- Bridge under overload (${t.rate} events/s offered): ${t.matching}/${t.clients} fast and ${t.slow.matching}/${t.slow.clients} slow clients ended in the final state${t.drainMs === null ? ' (NOT within the drain time)' : ` ${(t.drainMs / 1000).toFixed(1)} s after publishing stopped`}; ${t.gaps} gaps on fast clients (${t.gapsHealed} healed by a snapshot, ${t.openGaps} left open), ${t.drops + t.slow.drops} disconnects.`,
      );
    }
    lines.push(
      `- Bridge idle RSS: ${bridge.kbPerIdleConn.toFixed(1)} KB per connection (target ≤ 30 KB: ${bridge.kbPerIdleConn <= 30 ? 'met' : 'MISSED'}), ${bridge.rssBeforeMb.toFixed(1)} MB → ${bridge.rssIdleMb.toFixed(1)} MB for ${bridge.connected} clients.`,
    );
  }
  if (o.sweepRates.length > 0) {
    // Where the latency target holds, per server, said plainly whether or not any server meets it.
    const where = (k: string) => {
      const steps = results.filter((r) => r.kind === k).flatMap((r) => r.sweep);
      if (steps.length === 0) return null;
      const ok = steps.filter((p) => p.p99 <= DEFAULTS.p99TargetMs).sort((a, b) => b.rate - a.rate)[0];
      const lowest = [...steps].sort((a, b) => a.p99 - b.p99)[0];
      return ok
        ? `${k} up to ${ok.rate} events/s (${(ok.deliveredPerS / 1000).toFixed(1)} k deliveries/s, p99 ${ok.p99} ms)`
        : `${k} at no swept rate (lowest p99 ${lowest?.p99} ms, at ${lowest?.rate} events/s)`;
    };
    const parts = ['bridge', 'raw', 'socketio'].map(where).filter((x) => x !== null);
    lines.push(
      `- Where p99 ≤ ${DEFAULTS.p99TargetMs} ms holds with ${results[0]?.connected ?? 0} clients (sweep, every client fast): ${parts.join('; ')}. The target asks for it at ${o.rate} events/s.`,
    );
  }
  const floorBest = Math.min(...(raw?.sweep ?? []).map((p) => p.p99));
  if (Number.isFinite(floorBest) && floorBest > DEFAULTS.p99TargetMs) {
    lines.push(
      `- Even the floor's best p99 is ${floorBest} ms: every event is one burst of ${raw?.connected ?? 0} writes (a syscall each, ~${raw?.latency ? raw.latency.serverCpuUsPerDelivery.toFixed(0) : '?'} µs of server CPU per delivery, about as much again in the load generator on the same 2 cores), so the last client of a burst is served tens of ms after the first, before any queueing.`,
    );
  }
  const slowAll = results.flatMap((r) => [r.latency?.slow, r.throughput?.slow]);
  if (slowAll.every((x) => !x || x.gaps + x.resnapshots === 0)) {
    lines.push(
      `- No server shed any event from the stalled clients: loopback socket buffers (${socketBuffers()}) absorbed the whole stall, so the shed-and-resnapshot path was not exercised by this run.`,
    );
  }
  return lines;
}

function report(results: readonly ServerResult[], o: BenchOptions, startedAt: Date, sharing: string): string {
  const n = o.clientsPerTransport;
  return [
    `## Fan-out: bridge vs raw \`ws\` floor vs socket.io${o.quick ? ' (quick smoke run, not a measurement)' : ''}`,
    '',
    `Run ${startedAt.toISOString()} — ${machine()}.`,
    '',
    `Workload: ${n} WebSocket + ${n} streaming clients per server on 127.0.0.1; a scripted upstream publishes metrics_update envelopes (~610 bytes upstream, ~730 bytes as the bridge sends them) for ${o.campaigns} campaigns, each carrying its publish time in \`updatedAt\`. Latency phase: ${o.rate} events/s for ${o.durationS} s. Throughput phase: ${o.throughputRate} events/s offered for ${o.throughputDurationS} s (beyond what the machine can fan out; delivered/s is what reached clients while publishing). Latency = client receipt − publish time (same clock, 1 ms resolution, load generator included)${o.loadgenPaceMs > 0 ? `; the load generators read their sockets in rounds every ${o.loadgenPaceMs} ms (one wake-up for many sockets), which can only add up to ${o.loadgenPaceMs} ms to a measured latency` : ''}.`,
    '',
    `Cores: ${sharing}`,
    '',
    resultTable(results),
    '',
    ...verdicts(results, o),
    '',
    `Latency-bounded capacity: ${o.sweepDurationS} s at each rate, every client fast (deliveries/s while publishing, p99 ms; the sweep stops once p99 passes ${DEFAULTS.sweepStopMs} ms):`,
    '',
    sweepTable(results, [DEFAULTS.p99TargetMs, DEFAULTS.p99LooseMs]),
    '',
    `Deliberately slow clients (${o.slowPerTransport} per transport, not counted above) stop reading 2 s into each phase (a quarter into a short one) until as long before its end, then read on. A server may shed events only from these, and must tell them (a fresh snapshot):`,
    '',
    slowTable(results),
    '',
    'CPU per process while publishing (% of one core; 200 % = both cores):',
    '',
    cpuShareTable(results),
    '',
    '- socket.io: one `io.emit(type, envelope)` per upstream event (socket.io encodes a broadcast once); ' +
      (o.sioSecondTransport === 'polling'
        ? "its second half of clients uses socket.io's HTTP long-polling transport (its streaming-less fallback) in place of SSE."
        : "all its clients use socket.io's websocket transport (its best case), since it has no SSE; `--sio-polling` puts the second half on long-polling."),
    '- bridge: each envelope framed once — a whole WebSocket frame, and an SSE event as one HTTP chunk — and that same Buffer written to every socket (one write per client); envelopes broadcast in the same tick go out as one write per client (cork/uncork). With validation, state, replay ring, filters and per-client backpressure.',
    '- raw floor: upstream text + `,"seq":N` turned into bytes once, then `ws.send` per WebSocket client and `res.write` per SSE client (node:http), no validation, no state, no backpressure handling.',
    '- "idle KB/conn" = (server RSS after all clients connected, a 3 s settle and a forced GC − RSS before) / clients.',
    '- "loss": events not delivered to clients that stayed connected; "gaps (healed)": seq jumps and how many were followed by a fresh snapshot.',
    ...results
      .flatMap((r) =>
        [r.latency?.mismatchSample, r.throughput?.mismatchSample].map((s) =>
          s ? `- ${r.kind}: a client not in the final state: ${s}` : '',
        ),
      )
      .filter(Boolean),
  ].join('\n');
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const startedAt = new Date();
  const n = o.clientsPerTransport;
  let sharing =
    'not pinned: the server under test, two load-generator processes (one per transport) and the publisher/orchestrator process share both cores as the kernel schedules them (see the CPU table).';
  if (o.pin) {
    execFileSync('taskset', ['-pc', '1', String(process.pid)]);
    sharing =
      'pinned with taskset: the server under test alone on CPU 0; both load-generator processes and the publisher/orchestrator on CPU 1.';
  }
  if (o.nice !== 0) {
    // every child inherits this priority: server, load generators and publisher all get the same
    setPriority(process.pid, o.nice);
    // With sched_autogroup on, CPU is shared between sessions first and nice only ranks processes
    // inside one: the session's autogroup gets the priority too, or nice would change nothing.
    try {
      writeFileSync('/proc/self/autogroup', String(o.nice));
    } catch {
      // no autogroup support: the per-process nice above is all there is
    }
    sharing += ` All benchmark processes (and their scheduler autogroup) ran at nice ${o.nice}, ahead of the other work sharing the machine (see "other processes").`;
  }
  console.log(`[bench] ${machine()}`);
  console.log(
    `[bench] ${n}+${n} clients, ${o.rate}/s for ${o.durationS} s, then ${o.throughputRate}/s for ${o.throughputDurationS} s; servers: ${o.servers.join(', ')}`,
  );
  const publisher = await startPublisher(o.campaigns);
  const results: ServerResult[] = [];
  try {
    for (let round = 1; round <= o.rounds; round++) {
      for (const kind of o.servers)
        results.push(await runServer(kind, o.rounds > 1 ? round : 0, publisher, o));
    }
  } finally {
    await publisher.close();
  }
  const text = report(results, o, startedAt, sharing);
  console.log(`\n${text}\n`);
  if (o.writeResults) {
    let existing = '';
    try {
      existing = readFileSync(RESULTS_FILE, 'utf8');
    } catch {
      existing = '';
    }
    writeFileSync(RESULTS_FILE, replaceSection(existing, text));
    console.log(`[bench] wrote ${RESULTS_FILE}`);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
