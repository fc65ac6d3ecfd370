// `npm start` / `npm run bridge`: env → validated config → (the embedded simulator when no upstream is
// configured) → the bridge on one URL, serving the API, the streams and the built PWA.
import { parseEnv } from './config/env.ts';
import { createLogger } from './log.ts';
import { DEFAULT_STATIC_DIR } from './node/assets.ts';
import { startBridge } from './node/startBridge.ts';

const parsed = parseEnv(process.env);
if (!parsed.ok) {
  console.error(
    `bridge: invalid configuration (see docs/configuration.md)\n  ${parsed.problems.join('\n  ')}`,
  );
  process.exit(1);
}
const config = parsed.config;
const log = createLogger({ level: config.logLevel, bindings: { service: 'bridge' } });

interface Closable {
  close(): Promise<void>;
}

async function main(): Promise<void> {
  let simulator: (Closable & { wsUrl: string; apiBase: string }) | null = null;
  let upstream = { upstreamWsUrl: config.upstreamWsUrl, upstreamApiBaseUrl: config.upstreamApiBaseUrl };
  if (config.upstreamWsUrl === null) {
    // imported only here: with a real upstream the simulator is not even loaded
    const { startSimulator } = await import('./simulator/server.ts');
    simulator = await startSimulator({
      host: '127.0.0.1',
      port: 0,
      seed: config.simulatorSeed,
      speed: config.simulatorSpeed,
      campaigns: config.simulatorCampaigns,
    });
    upstream = { upstreamWsUrl: simulator.wsUrl, upstreamApiBaseUrl: simulator.apiBase };
    log.info('simulator started', {
      wsUrl: simulator.wsUrl,
      seed: config.simulatorSeed,
      speed: config.simulatorSpeed,
      campaigns: config.simulatorCampaigns,
    });
  }
  // STATIC_DIR unset is null in the parsed config: the checkout's dist/web then (null passed on
  // would mean "serve no PWA", and npm start would answer every page with "not built")
  const staticDir = config.staticDir ?? DEFAULT_STATIC_DIR;
  const bridge = await startBridge({ ...config, ...upstream, staticDir }, { log });
  log.info('bridge listening', {
    url: bridge.url,
    upstream: simulator ? 'embedded simulator' : upstream.upstreamWsUrl,
    pwa: bridge.pwaDir ?? 'not built: run npm run build',
  });

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    // a hung close must not keep the process from exiting
    setTimeout(() => {
      log.error('shutdown timed out; exiting anyway');
      process.exit(1);
    }, config.shutdownGraceMs + 5_000).unref();
    (async () => {
      await bridge.close();
      await simulator?.close();
      log.info('stopped');
      process.exit(0);
    })().catch((err: unknown) => {
      log.error('shutdown failed', { error: err });
      process.exit(1);
    });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`bridge: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
