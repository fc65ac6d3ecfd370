// The bridge under test, started exactly as production starts it (startBridge), pointed at the
// scripted upstream. Ready once /readyz says the upstream feed is live.
import { startBridge } from '../../bridge/node/startBridge.ts';
import { runServerChild } from './child.ts';

async function waitReady(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`bridge not ready after ${timeoutMs} ms: ${last}`);
}

runServerChild(async (up) => {
  // Production defaults, except: no PWA files to serve, and only warnings in the log.
  const bridge = await startBridge({
    port: 0,
    host: '127.0.0.1',
    upstreamWsUrl: up.wsUrl,
    upstreamApiBaseUrl: up.apiBase,
    staticDir: null,
    logLevel: 'warn',
  });
  await waitReady(bridge.port, 20_000);
  return {
    port: bridge.port,
    close: () => bridge.close(),
    stats: () => {
      const { conflated, kicked, lagging } = bridge.bridge.hub.stats();
      return { conflated, kicked, lagging };
    },
  };
});
