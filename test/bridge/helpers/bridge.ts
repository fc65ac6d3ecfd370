// A bridge on an ephemeral loopback port, silent, with no upstream unless a test gives one: tests feed
// its state through the same sink the upstream link uses.
import type { ConfigInput } from '../../../bridge/config/config.ts';
import type { BridgeRuntime } from '../../../bridge/core/createBridge.ts';
import { type StartedBridge, startBridge } from '../../../bridge/node/startBridge.ts';

export interface TestBridge extends StartedBridge {
  wsUrl: string;
}

export async function startTestBridge(
  config: ConfigInput = {},
  runtime: BridgeRuntime = {},
): Promise<TestBridge> {
  const started = await startBridge(
    { port: 0, host: '127.0.0.1', logLevel: 'silent', staticDir: null, ...config },
    { seqStart: 0, ...runtime },
  );
  return { ...started, wsUrl: `${started.url.replace('http', 'ws')}/ws` };
}

export async function getJson(url: string): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(url);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}
