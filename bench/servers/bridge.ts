// The bridge under test, started exactly as production starts it (startBridge), pointed at the
// scripted upstream. Ready once /readyz says the upstream feed is live.
import { runServerChild } from './child.ts';

interface StartedBridge {
  port: number;
  close(): Promise<void>;
}
type StartBridge = (config: Record<string, unknown>) => Promise<StartedBridge>;

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
  // Imported by path at run time so the benchmark's other parts build before the bridge exists.
  const path = '../../bridge/node/startBridge.ts';
  const { startBridge } = (await import(path)) as { startBridge: StartBridge };
  const bridge = await startBridge({
    port: 0,
    host: '127.0.0.1',
    upstreamWsUrl: up.wsUrl,
    upstreamApiBaseUrl: up.apiBase,
  });
  await waitReady(bridge.port, 20_000);
  return { port: bridge.port, close: () => bridge.close() };
});
