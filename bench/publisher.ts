// The scripted upstream: an API Gateway stand-in (PROTOCOL.md §2) that publishes metrics_update
// events at a fixed rate, plus the REST paths the bridge reloads state from after each connect.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { CampaignMetrics, SystemHealth } from '../bridge/protocol/index.ts';
import { aggregate, parseClientAction, withDerived } from '../bridge/protocol/index.ts';
import { advance, initialCampaigns, metricsEnvelope } from './workload.ts';

export interface Publisher {
  wsUrl: string;
  apiBase: string;
  subscribers(): number;
  /** Publish `rate` events/s for `durationS` seconds; resolves with the number published. */
  run(rate: number, durationS: number): Promise<number>;
  /** The upstream's final state: totalAttempts per campaign index. */
  finalState(): number[];
  close(): Promise<void>;
}

const TICK_MS = 5;

export async function startPublisher(campaignCount: number): Promise<Publisher> {
  const campaigns: CampaignMetrics[] = initialCampaigns(campaignCount, Date.now());
  const subscribed = new Set<WebSocket>();
  let next = 0;

  const health = (): SystemHealth => ({
    cpuUsage: 0.42,
    memoryUsage: 0.58,
    answerRate: aggregate(campaigns).answerRate,
    activeCampaigns: campaigns.length,
    timestamp: new Date().toISOString(),
  });

  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === '/api/analytics/metrics') {
      return json(200, {
        campaigns: campaigns.map(withDerived),
        aggregate: aggregate(campaigns),
        timestamp: new Date().toISOString(),
      });
    }
    if (path === '/api/analytics/system/health') return json(200, health());
    const m = /^\/api\/analytics\/campaigns\/([^/]+)\/metrics$/.exec(path);
    const c = m ? campaigns.find((x) => x.campaignId === m[1]) : undefined;
    if (c) return json(200, withDerived(c));
    json(404, { error: { code: 'not_found', message: `no route or campaign for ${path}` } });
  });
  const wss = new WebSocketServer({ server: http, path: '/production', perMessageDeflate: false });
  wss.on('connection', (ws) => {
    ws.on('message', (raw) => {
      const action = parseClientAction(String(raw));
      if (!action.ok) {
        const err = { code: action.code, message: action.message };
        ws.send(JSON.stringify({ type: 'error', data: err, timestamp: new Date().toISOString() }));
        return;
      }
      if (action.value.action === 'subscribe') subscribed.add(ws);
      if (action.value.action === 'unsubscribe') subscribed.delete(ws);
    });
    ws.on('close', () => subscribed.delete(ws));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;

  function publishOne(): void {
    const i = next++ % campaigns.length;
    const c = advance(campaigns[i] as CampaignMetrics, Date.now());
    campaigns[i] = c;
    const text = JSON.stringify(metricsEnvelope(c));
    for (const ws of subscribed) ws.send(text);
  }

  return {
    wsUrl: `ws://127.0.0.1:${port}/production`,
    apiBase: `http://127.0.0.1:${port}/api`,
    subscribers: () => subscribed.size,
    run(rate, durationS) {
      const total = Math.round(rate * durationS);
      const t0 = performance.now();
      let sent = 0;
      return new Promise((resolve) => {
        // Catch up on every tick to the count due by now, so a late timer never lowers the rate.
        const timer = setInterval(() => {
          const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate));
          while (sent < due) {
            publishOne();
            sent++;
          }
          if (sent >= total) {
            clearInterval(timer);
            resolve(sent);
          }
        }, TICK_MS);
      });
    },
    finalState: () => campaigns.map((c) => c.totalAttempts),
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
