// The product as a user gets it: the real simulator feeding a real bridge that serves the built PWA,
// all on ephemeral loopback ports. Each test file starts its own stack and closes it.
import { fileURLToPath } from 'node:url';
import type { ConfigInput } from '../../../bridge/config/config.ts';
import { type StartedBridge, startBridge } from '../../../bridge/node/startBridge.ts';
import {
  type SimulatorHandle,
  type SimulatorOptions,
  startSimulator,
} from '../../../bridge/simulator/server.ts';

export const BUILT_PWA = fileURLToPath(new URL('../../../dist/web', import.meta.url));

export interface Stack {
  /** `http://127.0.0.1:<port>`, the one URL a user opens. */
  url: string;
  bridge: StartedBridge;
  simulator: SimulatorHandle;
  close(): Promise<void>;
}

export async function startStack(
  opts: { simulator?: SimulatorOptions; bridge?: ConfigInput } = {},
): Promise<Stack> {
  const simulator = await startSimulator({ host: '127.0.0.1', port: 0, seed: 11, ...opts.simulator });
  const bridge = await startBridge({
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    staticDir: BUILT_PWA,
    upstreamWsUrl: simulator.wsUrl,
    upstreamApiBaseUrl: simulator.apiBase,
    ...opts.bridge,
  });
  return {
    url: bridge.url,
    bridge,
    simulator,
    async close() {
      await bridge.close();
      await simulator.close();
    },
  };
}
