// One server under test, start to finish: start it, connect the clients, read idle RSS, run the
// latency phase and the throughput phase, check every client's final state, stop everything.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULTS, type ServerKind, type Transport } from './defaults.ts';
import type {
  FromLoadgen,
  GroupReport,
  LoadgenConfig,
  LoadgenReport,
  ToLoadgen,
} from './loadgen/messages.ts';
import { deliveredBetween, mergeTallies, percentile } from './loadgen/tally.ts';
import type { BenchOptions } from './options.ts';
import { nextMessage, sleep, spawnTs, waitExit } from './processes.ts';
import { cpuPercent, machinePercent, type ProcSample, sampleMachine, sampleProc } from './procStats.ts';
import type { Publisher } from './publisher.ts';
import type { PhaseResult, ServerResult } from './results.ts';
import type { FromServer, ToServer } from './servers/child.ts';

const log = (msg: string) => console.log(`[bench] ${msg}`);

function selfSample(): ProcSample {
  const u = process.cpuUsage();
  return { cpuMs: (u.user + u.system) / 1000, rssBytes: process.memoryUsage().rss, at: Date.now() };
}

function transportsOf(kind: ServerKind, o: BenchOptions): [Transport, Transport] {
  if (kind !== 'socketio') return ['ws', 'sse'];
  return ['sio-ws', o.sioSecondTransport === 'polling' ? 'sio-polling' : 'sio-ws'];
}

async function gc(server: ChildProcess): Promise<void> {
  server.send({ cmd: 'gc' } satisfies ToServer);
  await nextMessage(server, (m) => ((m as FromServer).kind === 'gc-done' ? true : undefined), 10_000, 'gc');
}

async function reports(loadgens: ChildProcess[], finalState: number[] | null): Promise<LoadgenReport[]> {
  return Promise.all(
    loadgens.map((lg) => {
      lg.send({ cmd: 'report', finalState } satisfies ToLoadgen);
      return nextMessage(
        lg,
        (m) => ((m as FromLoadgen).kind === 'report' ? (m as { report: LoadgenReport }).report : undefined),
        30_000,
        'loadgen report',
      );
    }),
  );
}

async function runPhase(
  server: ChildProcess,
  loadgens: ChildProcess[],
  publisher: Publisher,
  rate: number,
  durationS: number,
  o: BenchOptions,
  stall = true,
): Promise<PhaseResult> {
  await Promise.all(
    loadgens.map((lg) => {
      lg.send({ cmd: 'phase' } satisfies ToLoadgen);
      return nextMessage(
        lg,
        (m) => ((m as FromLoadgen).kind === 'phase-started' ? true : undefined),
        10_000,
        'phase',
      );
    }),
  );
  const pid = server.pid as number;
  const s0 = sampleProc(pid);
  const l0 = loadgens.map((lg) => sampleProc(lg.pid as number));
  const o0 = selfSample();
  const m0 = sampleMachine();
  const load1 = loadavg()[0] ?? 0;
  const t0 = Date.now();
  // The slow clients stop reading for most of the phase: the server must shed only them, and tell them.
  const stallStart = Math.min(2000, (durationS * 1000) / 4);
  const stallMs = durationS * 1000 - 2 * stallStart;
  const stallTimer =
    stall && o.slowPerTransport > 0
      ? setTimeout(() => {
          for (const lg of loadgens) lg.send({ cmd: 'stall', ms: stallMs } satisfies ToLoadgen);
        }, stallStart)
      : null;
  const published = await publisher.run(rate, durationS);
  if (stallTimer) clearTimeout(stallTimer);
  const t1 = Date.now();
  const s1 = sampleProc(pid);
  const l1 = loadgens.map((lg) => sampleProc(lg.pid as number));
  const o1 = selfSample();
  const m1 = sampleMachine();
  const finalState = publisher.finalState();

  // Drain: wait until every client holds the final state (or the drain time is up).
  let drainMs: number | null = null;
  let last: LoadgenReport[] = [];
  const drainDeadline = t1 + o.drainMs;
  const groups = () => last.flatMap((r) => [r.fast, r.slow]);
  for (;;) {
    last = await reports(loadgens, finalState);
    const open = groups().reduce((a, g) => a + g.open, 0);
    const matching = groups().reduce((a, g) => a + g.matching, 0);
    if (matching >= open) {
      drainMs = Date.now() - t1;
      break;
    }
    if (Date.now() > drainDeadline) break;
    await sleep(200);
  }
  server.send({ cmd: 'stats' } satisfies ToServer);
  const serverStats = await nextMessage(
    server,
    (m) => ((m as FromServer).kind === 'stats' ? (m as { stats: Record<string, number> }).stats : undefined),
    10_000,
    'server stats',
  );
  const fast = last.map((r) => r.fast);
  const slow = last.map((r) => r.slow);
  const sum = (gs: GroupReport[], f: (g: GroupReport) => number) => gs.reduce((a, g) => a + f(g), 0);
  const tally = mergeTallies(
    fast.map((g) => g.tally),
    DEFAULTS.histogramMaxMs,
  );
  const slowTally = mergeTallies(
    slow.map((g) => g.tally),
    DEFAULTS.histogramMaxMs,
  );
  // Clients that were ever ready: one that disconnected since counts as not in the final state.
  const clients = sum(fast, (g) => g.ready);
  const slowClients = sum(slow, (g) => g.ready);
  const inWindow = deliveredBetween(
    mergeTallies([tally, slowTally], DEFAULTS.histogramMaxMs).timeline,
    t0,
    t1,
  );
  return {
    rate,
    published,
    publishMs: t1 - t0,
    clients,
    events: tally.events,
    expected: published * clients,
    deliveredPerS: inWindow.seconds > 0 ? inWindow.count / inWindow.seconds : 0,
    p50: percentile(tally.latency, 0.5),
    p90: percentile(tally.latency, 0.9),
    p99: percentile(tally.latency, 0.99),
    max: percentile(tally.latency, 1),
    open: sum(fast, (g) => g.open),
    matching: sum(fast, (g) => g.matching),
    gaps: tally.gaps,
    gapsHealed: tally.gapsHealed,
    resnapshots: tally.resnapshots,
    openGaps: sum(fast, (g) => g.openGaps),
    outOfOrder: tally.outOfOrder,
    drops: tally.drops,
    slow: {
      clients: slowClients,
      stallMs: stallMs,
      open: sum(slow, (g) => g.open),
      matching: sum(slow, (g) => g.matching),
      events: slowTally.events,
      expected: published * slowClients,
      gaps: slowTally.gaps,
      gapsHealed: slowTally.gapsHealed,
      resnapshots: slowTally.resnapshots,
      openGaps: sum(slow, (g) => g.openGaps),
      drops: slowTally.drops,
      p99: percentile(slowTally.latency, 0.99),
    },
    drainMs,
    cpu: {
      server: cpuPercent(s0, s1),
      loadgens: l0.map((a, i) => cpuPercent(a, l1[i] as ProcSample)),
      loadgenUsPerMessage: last.map((r, i) => {
        const n = deliveredBetween(
          mergeTallies([r.fast.tally, r.slow.tally], DEFAULTS.histogramMaxMs).timeline,
          t0,
          t1,
        ).count;
        const ms = (l1[i]?.cpuMs ?? 0) - (l0[i]?.cpuMs ?? 0);
        return n > 0 ? (ms * 1000) / n : Number.NaN;
      }),
      publisher: cpuPercent(o0, o1),
      machine: machinePercent(m0, m1, cpus().length),
    },
    load1,
    serverCpuUsPerDelivery: inWindow.count > 0 ? ((s1.cpuMs - s0.cpuMs) * 1000) / inWindow.count : Number.NaN,
    serverRssMb: s1.rssBytes / 2 ** 20,
    serverStats,
    mismatchSample:
      groups()
        .map((g) => g.mismatchSample)
        .find((x) => x !== null) ?? null,
  };
}

export async function runServer(
  kind: ServerKind,
  round: number,
  publisher: Publisher,
  o: BenchOptions,
): Promise<ServerResult> {
  const transports = transportsOf(kind, o);
  const result: ServerResult = {
    kind,
    round,
    transports: `${o.clientsPerTransport} ${transports[0]} + ${o.clientsPerTransport} ${transports[1]}`,
    connected: 0,
    failed: 0,
    firstError: null,
    connectMs: 0,
    rssBeforeMb: 0,
    rssIdleMb: 0,
    kbPerIdleConn: NaN,
    sweep: [],
    latency: null,
    throughput: null,
    error: null,
  };
  const profile = o.profile
    ? fileURLToPath(new URL(`./profiles/${kind}-${Date.now()}.cpuprofile`, import.meta.url))
    : null;
  if (profile) mkdirSync(dirname(profile), { recursive: true });
  const server = spawnTs(`./servers/${kind}.ts`, {
    env: {
      BENCH_UPSTREAM: JSON.stringify({ wsUrl: publisher.wsUrl, apiBase: publisher.apiBase }),
      ...(profile ? { BENCH_PROFILE: profile } : {}),
    },
    nodeArgs: ['--expose-gc'],
    cpus: o.pin ? '0' : undefined,
  });
  const loadgens: ChildProcess[] = [];
  try {
    const port = await nextMessage(
      server,
      (m) => {
        const x = m as FromServer;
        if (x.kind === 'error') throw new Error(x.message);
        return x.kind === 'ready' ? x.port : undefined;
      },
      DEFAULTS.startTimeoutMs,
      `${kind} start`,
    );
    log(`${kind}: listening on 127.0.0.1:${port} (pid ${server.pid})`);
    await sleep(500);
    await gc(server);
    await sleep(500);
    const before = sampleProc(server.pid as number);
    result.rssBeforeMb = before.rssBytes / 2 ** 20;

    for (const transport of transports) {
      const config: LoadgenConfig = {
        server: kind,
        transport,
        count: o.clientsPerTransport,
        slowCount: o.slowPerTransport,
        port,
        campaigns: o.campaigns,
        connectConcurrency: DEFAULTS.connectConcurrency,
        connectTimeoutMs: 20_000,
        histogramMaxMs: DEFAULTS.histogramMaxMs,
        paceMs: o.loadgenPaceMs,
      };
      loadgens.push(
        spawnTs('./loadgen/main.ts', {
          env: { BENCH_LOADGEN: JSON.stringify(config) },
          // the load generators share the cores with the server: their cost per message matters too
          ...(profile
            ? {
                // a directory per process: tsx's loader thread writes a profile too
                nodeArgs: [
                  '--cpu-prof',
                  `--cpu-prof-dir=${profile.replace(/\.cpuprofile$/, `-loadgen-${transport}`)}`,
                ],
              }
            : {}),
          cpus: o.pin ? '1' : undefined,
        }),
      );
    }
    const connected = await Promise.all(
      loadgens.map((lg) => {
        lg.send({ cmd: 'connect' } satisfies ToLoadgen);
        return nextMessage(
          lg,
          (m) =>
            (m as FromLoadgen).kind === 'connected'
              ? (m as Extract<FromLoadgen, { kind: 'connected' }>)
              : undefined,
          DEFAULTS.connectTimeoutMs,
          'connect',
        );
      }),
    );
    result.connected = connected.reduce((a, c) => a + c.ready, 0);
    result.failed = connected.reduce((a, c) => a + c.failed, 0);
    result.firstError = connected.map((c) => c.firstError).find((e) => e !== null) ?? null;
    result.connectMs = Math.max(...connected.map((c) => c.ms));
    log(
      `${kind}: ${result.connected} clients ready, ${result.failed} failed in ${result.connectMs} ms${result.firstError ? ` (${result.firstError})` : ''}`,
    );

    await sleep(o.settleMs);
    await gc(server);
    await sleep(500);
    const idle = sampleProc(server.pid as number);
    result.rssIdleMb = idle.rssBytes / 2 ** 20;
    result.kbPerIdleConn =
      result.connected > 0 ? (idle.rssBytes - before.rssBytes) / 1024 / result.connected : NaN;
    log(`${kind}: RSS ${result.rssBeforeMb.toFixed(1)} MB → ${result.rssIdleMb.toFixed(1)} MB idle`);

    // Latency-bounded capacity: rising rates until p99 is far past the bound (nothing stalls here),
    // after a short warm-up so the first step does not pay for JIT compilation.
    if (o.sweepRates.length > 0) await runPhase(server, loadgens, publisher, 10, 2, o, false);
    for (const rate of o.sweepRates) {
      const p = await runPhase(server, loadgens, publisher, rate, o.sweepDurationS, o, false);
      result.sweep.push(p);
      log(
        `${kind}: sweep ${rate}/s → ${Math.round(p.deliveredPerS)} deliveries/s, p50 ${p.p50} p90 ${p.p90} p99 ${p.p99} ms`,
      );
      if (p.p99 > DEFAULTS.sweepStopMs || p.drainMs === null) break;
      await sleep(500);
    }
    log(`${kind}: latency phase, ${o.rate} events/s for ${o.durationS} s`);
    result.latency = await runPhase(server, loadgens, publisher, o.rate, o.durationS, o);
    log(
      `${kind}: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.latency.matching}/${result.latency.clients} at final state`,
    );
    await sleep(1000);
    log(`${kind}: throughput phase, ${o.throughputRate} events/s for ${o.throughputDurationS} s`);
    result.throughput = await runPhase(
      server,
      loadgens,
      publisher,
      o.throughputRate,
      o.throughputDurationS,
      o,
    );
    log(
      `${kind}: ${Math.round(result.throughput.deliveredPerS)} events/s delivered, ${result.throughput.matching}/${result.throughput.clients} at final state`,
    );
  } catch (e) {
    result.error = e instanceof Error ? e.message : String(e);
    log(`${kind}: FAILED ${result.error}`);
  } finally {
    for (const lg of loadgens) if (lg.connected) lg.send({ cmd: 'close' } satisfies ToLoadgen);
    await Promise.all(loadgens.map((lg) => waitExit(lg, 5000)));
    if (server.connected) server.send({ cmd: 'close' } satisfies ToServer);
    await waitExit(server, 8000);
  }
  return result;
}
