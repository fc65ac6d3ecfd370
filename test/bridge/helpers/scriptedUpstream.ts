// A minimal upstream for tests: REST serves a fixed state, and every subscriber gets the frames the
// test pushes, whatever they are (garbage included).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from '../../../bridge/node/ws.ts';
import type { CampaignMetrics, SystemHealth } from '../../../bridge/protocol/index.ts';
import { withDerived } from '../../../bridge/protocol/index.ts';

export interface ScriptedUpstream {
  wsUrl: string;
  apiBase: string;
  /** Sends raw text (or bytes) to every subscribed socket. */
  push(frame: string | Buffer): void;
  subscribers(): number;
  close(): Promise<void>;
}

export async function startScriptedUpstream(state: {
  campaigns: CampaignMetrics[];
  systemHealth: SystemHealth | null;
}): Promise<ScriptedUpstream> {
  const server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/api/analytics/metrics') {
      send(200, {
        campaigns: state.campaigns.map(withDerived),
        aggregate: {},
        timestamp: new Date().toISOString(),
      });
    } else if (req.url === '/api/analytics/system/health' && state.systemHealth) {
      send(200, state.systemHealth);
    } else send(404, { error: { code: 'not_found', message: req.url ?? '' } });
  });
  const wss = new WebSocketServer({ server, path: '/production' });
  const subscribed = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      if (String(data).includes('"subscribe"')) subscribed.add(ws);
    });
    ws.on('close', () => subscribed.delete(ws));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    wsUrl: `ws://127.0.0.1:${port}/production`,
    apiBase: `http://127.0.0.1:${port}/api`,
    push(frame) {
      for (const ws of subscribed) ws.send(frame);
    },
    subscribers: () => subscribed.size,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
