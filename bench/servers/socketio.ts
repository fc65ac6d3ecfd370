// What many would pick: socket.io, parsing each upstream envelope, adding a seq, io.emit to all.
// socket.io encodes a broadcast packet once and hands the same string to every client's transport.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { runServerChild, subscribeUpstream } from './child.ts';

runServerChild(async (up) => {
  const http = createServer();
  const io = new Server(http, { serveClient: false, perMessageDeflate: false, httpCompression: false });
  let seq = 0;
  const link = await subscribeUpstream(up.wsUrl, (text) => {
    const env = JSON.parse(text) as { type: string; seq?: number };
    env.seq = ++seq;
    io.emit(env.type, env);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    port: (http.address() as AddressInfo).port,
    async close() {
      link.close();
      io.disconnectSockets(true);
      await io.close();
    },
  };
});
