// A real bridge fed by the real simulator, in its own Node process (the web test project resolves
// packages for the browser, where `ws` cannot run a server). Prints {"url","port"} on its first line.
// Usage: node --import tsx test/web/live/bridgeProcess.ts [port]   (0 or none: an ephemeral port)
import { startBridge } from '../../../bridge/node/startBridge.ts';
import { startSimulator } from '../../../bridge/simulator/server.ts';

const port = Number(process.argv[2] ?? 0);
const simulator = await startSimulator({ host: '127.0.0.1', port: 0, seed: 7, campaigns: 6 });
const bridge = await startBridge({
  port,
  host: '127.0.0.1',
  logLevel: 'silent',
  staticDir: null,
  upstreamWsUrl: simulator.wsUrl,
  upstreamApiBaseUrl: simulator.apiBase,
});
process.stdout.write(`${JSON.stringify({ url: bridge.url, port: bridge.port })}\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await bridge.close();
  await simulator.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
// the test runner going away must not leave a bridge behind
process.stdin.on('end', () => void stop());
process.stdin.resume();
