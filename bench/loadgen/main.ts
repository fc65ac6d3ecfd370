// A load-generator process: opens `count` clients of one transport against one server and answers
// the orchestrator's IPC commands (connect, start a phase, report, close).
import { type ClientState, flushTimeline, matchesFinal, newClientState } from './clientState.ts';
import { connectClient } from './connect.ts';
import type { FromLoadgen, GroupReport, LoadgenConfig, LoadgenReport, ToLoadgen } from './messages.ts';
import { emptyTally, type Tally } from './tally.ts';

const cfg = JSON.parse(process.env.BENCH_LOADGEN ?? 'null') as LoadgenConfig | null;
if (!cfg || typeof process.send !== 'function') {
  console.error('bench/loadgen/main.ts runs as a child of bench/fanout.ts (needs BENCH_LOADGEN and IPC)');
  process.exit(2);
}
const config: LoadgenConfig = cfg;
const reply = (m: FromLoadgen) => process.send?.(m);

const clients: ClientState[] = [];
let fast: Tally = emptyTally(config.histogramMaxMs);
let slow: Tally = emptyTally(config.histogramMaxMs);
const ctx = {
  server: config.server,
  port: config.port,
  timeoutMs: config.connectTimeoutMs,
  tally: (c: ClientState) => (c.slow ? slow : fast),
};

async function connectAll(): Promise<void> {
  const t0 = performance.now();
  let next = 0;
  let ready = 0;
  let failed = 0;
  let firstError: string | null = null;
  async function worker() {
    while (next < config.count) {
      const c = newClientState(config.campaigns, next < config.slowCount);
      next++;
      clients.push(c);
      try {
        await connectClient(c, config.transport, ctx);
        ready++;
      } catch (e) {
        failed++;
        firstError ??= e instanceof Error ? e.message : String(e);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(config.connectConcurrency, config.count) }, worker));
  reply({ kind: 'connected', ready, failed, firstError, ms: Math.round(performance.now() - t0) });
}

function groupReport(group: ClientState[], tally: Tally, finalState: number[] | null): GroupReport {
  let ready = 0;
  let open = 0;
  let matching = 0;
  let openGaps = 0;
  let mismatchSample: string | null = null;
  for (const c of group) {
    if (c.ready) ready++;
    if (c.open && c.ready) open++;
    if (c.gapOpen) openGaps++;
    if (finalState && c.ready && c.open) {
      if (matchesFinal(c, finalState)) matching++;
      else mismatchSample ??= `client has ${Array.from(c.attempts).join(',')} want ${finalState.join(',')}`;
    }
  }
  return { tally, clients: group.length, ready, open, matching, openGaps, mismatchSample };
}

const report = (finalState: number[] | null): LoadgenReport => ({
  fast: groupReport(
    clients.filter((c) => !c.slow),
    fast,
    finalState,
  ),
  slow: groupReport(
    clients.filter((c) => c.slow),
    slow,
    finalState,
  ),
});

function stall(ms: number): void {
  const stalled = clients.filter((c) => c.slow && c.open);
  for (const c of stalled) c.pause();
  setTimeout(() => {
    for (const c of stalled) c.resume();
  }, ms);
}

process.on('message', (m: ToLoadgen) => {
  switch (m.cmd) {
    case 'connect':
      void connectAll();
      break;
    case 'phase':
      flushTimeline();
      fast = emptyTally(config.histogramMaxMs);
      slow = emptyTally(config.histogramMaxMs);
      reply({ kind: 'phase-started' });
      break;
    case 'stall':
      stall(m.ms);
      break;
    case 'report':
      flushTimeline();
      reply({ kind: 'report', report: report(m.finalState) });
      break;
    case 'close':
      for (const c of clients) {
        c.open = false;
        c.close();
      }
      reply({ kind: 'closed' });
      setTimeout(() => process.exit(0), 200);
      break;
  }
});
process.on('disconnect', () => process.exit(0));

// Read in rounds (DEFAULTS.loadgenPaceMs): a pending immediate keeps the event loop from blocking in
// epoll, so each loop turn takes every socket that became readable meanwhile, then sleeps (no CPU)
// until the next round. Without it, a burst to 1,000 sockets wakes this process hundreds of times.
if (config.paceMs > 0) {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const pace = () => {
    Atomics.wait(cell, 0, 0, config.paceMs);
    setImmediate(pace);
  };
  setImmediate(pace);
}
