// The floor: the least a Node fan-out server can do. Upstream text + a seq, turned into bytes once,
// written to every client: a `ws` send per WebSocket client, a res.write per SSE client.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { runServerChild, subscribeUpstream } from './child.ts';

runServerChild(async (up) => {
  const sse = new Set<ServerResponse>();
  const http = createServer((req, res) => {
    if (req.url !== '/stream') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    sse.add(res);
    res.on('close', () => sse.delete(res));
  });
  const wss = new WebSocketServer({ server: http, path: '/ws', perMessageDeflate: false });
  let seq = 0;
  const link = await subscribeUpstream(up.wsUrl, (text) => {
    seq++;
    const json = `${text.slice(0, -1)},"seq":${seq}}`;
    const wsBytes = Buffer.from(json);
    const sseBytes = Buffer.from(`event: metrics_update\nid: ${seq}\ndata: ${json}\n\n`);
    for (const ws of wss.clients) ws.send(wsBytes, { binary: false });
    for (const res of sse) res.write(sseBytes);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    port: (http.address() as AddressInfo).port,
    async close() {
      link.close();
      for (const ws of wss.clients) ws.terminate();
      for (const res of sse) res.destroy();
      http.close();
    },
  };
});
