// The server side of the client benchmark, in its own process so the browser driver and the latency
// reference client never share an event loop with the bridge they measure. Prints one JSON line
// ({ url, pid }) when ready; closes everything when stdin ends or on SIGTERM/SIGINT.
import { startStack } from '../../test/e2e/support/stack.ts';

const [campaigns, metricsHz, speed] = process.argv.slice(2).map(Number);
for (const [name, value] of Object.entries({ campaigns, metricsHz, speed })) {
  if (value === undefined || !Number.isFinite(value) || value <= 0)
    throw new RangeError(`${name}: must be a positive number, got ${String(value)}`);
}

// BENCH_STATIC_DIR: serve another build (e.g. an older commit's, for a before/after comparison)
const staticDir = process.env.BENCH_STATIC_DIR;
const stack = await startStack({
  simulator: { campaigns, metricsHz, speed, seed: 7 },
  ...(staticDir ? { bridge: { staticDir } } : {}),
});
process.stdout.write(`${JSON.stringify({ url: stack.url, pid: process.pid })}\n`);

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  await stack.close();
  process.exit(0);
}
process.stdin.on('end', shutdown);
process.stdin.resume();
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
