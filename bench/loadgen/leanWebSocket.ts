// A minimal WebSocket client on a bare TCP socket (RFC 6455: handshake, unmasked server frames,
// masked client frames, ping → pong, close). The load generator shares the 2 cores with the server
// under test; the `ws` client's stream layers cost it about twice the CPU per message, which the
// server under test would lose. Only for this benchmark's loopback clients: no extensions, no TLS.
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';

export interface LeanHandlers {
  open(): void;
  /** A text message, its bytes decoded as latin1 (see extract.ts: the fields read are ASCII). */
  text(text: string): void;
  close(): void;
  error(e: Error): void;
}

export interface LeanWebSocket {
  send(text: string): void;
  pause(): void;
  resume(): void;
  terminate(): void;
}

const OP = { continuation: 0, text: 1, close: 8, ping: 9, pong: 10 } as const;

function clientFrame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const ext = len < 126 ? 0 : len < 65_536 ? 2 : 8;
  const head = Buffer.alloc(2 + ext + 4);
  head[0] = 0x80 | opcode;
  if (ext === 0) head[1] = 0x80 | len;
  else if (ext === 2) {
    head[1] = 0x80 | 126;
    head.writeUInt16BE(len, 2);
  } else {
    head[1] = 0x80 | 127;
    head.writeBigUInt64BE(BigInt(len), 2);
  }
  const mask = randomBytes(4);
  mask.copy(head, 2 + ext);
  const body = Buffer.alloc(len);
  for (let i = 0; i < len; i++) body[i] = (payload[i] as number) ^ (mask[i & 3] as number);
  return Buffer.concat([head, body]);
}

export function leanWebSocket(port: number, path: string, h: LeanHandlers): LeanWebSocket {
  const socket = connect({ host: '127.0.0.1', port, noDelay: true });
  const key = randomBytes(16).toString('base64');
  let upgraded = false;
  let buf: Buffer | null = null;
  let fragments: Buffer[] | null = null;
  let closed = false;

  socket.on('connect', () => {
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
  });

  function frames(): void {
    while (buf !== null && buf.length >= 2) {
      const b0 = buf[0] as number;
      const b1 = buf[1] as number;
      let len = b1 & 0x7f;
      let at = 2;
      if (len === 126) {
        if (buf.length < 4) return;
        len = buf.readUInt16BE(2);
        at = 4;
      } else if (len === 127) {
        if (buf.length < 10) return;
        len = Number(buf.readBigUInt64BE(2));
        at = 10;
      }
      if (buf.length < at + len) return;
      const payload = buf.subarray(at, at + len);
      buf = buf.length === at + len ? null : buf.subarray(at + len);
      const fin = (b0 & 0x80) !== 0;
      const opcode = b0 & 0x0f;
      if (opcode === OP.text || opcode === OP.continuation) {
        if (fin && fragments === null) h.text(payload.toString('latin1'));
        else {
          fragments = [...(fragments ?? []), Buffer.from(payload)];
          if (fin) {
            h.text(Buffer.concat(fragments).toString('latin1'));
            fragments = null;
          }
        }
      } else if (opcode === OP.ping) socket.write(clientFrame(OP.pong, payload));
      else if (opcode === OP.close) {
        socket.end(clientFrame(OP.close, payload.subarray(0, 2)));
        return;
      }
    }
  }

  socket.on('data', (chunk: Buffer) => {
    buf = buf === null ? chunk : Buffer.concat([buf, chunk]);
    if (!upgraded) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buf.subarray(0, end).toString('latin1');
      if (!head.startsWith('HTTP/1.1 101')) {
        h.error(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
        socket.destroy();
        return;
      }
      upgraded = true;
      buf = buf.length === end + 4 ? null : buf.subarray(end + 4);
      h.open();
    }
    frames();
  });
  socket.on('error', (e) => h.error(e));
  socket.on('close', () => {
    if (closed) return;
    closed = true;
    h.close();
  });

  return {
    send: (text) => socket.write(clientFrame(OP.text, Buffer.from(text))),
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    terminate: () => socket.destroy(),
  };
}
