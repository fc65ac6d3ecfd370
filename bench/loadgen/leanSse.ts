// A minimal Server-Sent Events client on a bare TCP socket: one GET, the status head, then the body
// (HTTP/1.1 chunked, or plain until close), cut into SSE event blocks. node:http's client costs a
// parser callback, a stream push and a string decoder per chunk; the load generator shares the 2
// cores with the server under test, so it reads the bytes itself. latin1 throughout: one char per
// byte, so chunk sizes count chars, and every field the benchmark reads is ASCII (extract.ts).
// Only for this benchmark's loopback clients: no redirects, no TLS, no reconnect.
import { connect } from 'node:net';

export interface LeanSseHandlers {
  /** The response head arrived with this status (the stream follows when it is 200). */
  open(status: number): void;
  /** The `data:` payload of one event (lines joined by \n); comment-only blocks are skipped. */
  data(data: string): void;
  close(): void;
  error(e: Error): void;
}

export interface LeanSse {
  pause(): void;
  resume(): void;
  terminate(): void;
}

/** The `data:` payload of one SSE event block, or null for a comment-only block. */
export function sseData(block: string): string | null {
  const first = block.indexOf('data:');
  if (first < 0) return null;
  if (block.indexOf('\ndata:', first + 5) < 0) {
    const lineEnd = block.indexOf('\n', first);
    const line = block.slice(first + 5, lineEnd < 0 ? undefined : lineEnd);
    return line.startsWith(' ') ? line.slice(1) : line;
  }
  return block
    .split('\n')
    .filter((l) => l.startsWith('data:'))
    .map((l) => (l.startsWith('data: ') ? l.slice(6) : l.slice(5)))
    .join('\n');
}

export function leanSse(port: number, path: string, h: LeanSseHandlers): LeanSse {
  const socket = connect({ host: '127.0.0.1', port, noDelay: true });
  /** Bytes not parsed yet (latin1): the head, then chunk framing. */
  let raw = '';
  /** Event-stream text not yet cut into blocks. */
  let body = '';
  let head = true;
  let chunked = false;
  let closed = false;

  socket.on('connect', () => {
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n\r\n`);
  });

  function events(): void {
    let end = body.indexOf('\n\n');
    while (end >= 0) {
      const data = sseData(body.slice(0, end));
      body = body.slice(end + 2);
      if (data !== null) h.data(data);
      end = body.indexOf('\n\n');
    }
  }

  /** Moves whole chunks from `raw` to `body`; false when the framing is broken. */
  function dechunk(): boolean {
    for (;;) {
      const line = raw.indexOf('\r\n');
      if (line < 0) return true;
      const size = Number.parseInt(raw.slice(0, line), 16);
      if (!Number.isInteger(size) || size < 0) return false;
      if (size === 0) {
        socket.end();
        return true;
      }
      const start = line + 2;
      if (raw.length < start + size + 2) return true;
      body += raw.slice(start, start + size);
      raw = raw.slice(start + size + 2);
    }
  }

  socket.on('data', (chunk: Buffer) => {
    raw += chunk.toString('latin1');
    if (head) {
      const end = raw.indexOf('\r\n\r\n');
      if (end < 0) return;
      const text = raw.slice(0, end);
      raw = raw.slice(end + 4);
      head = false;
      const status = Number(text.slice(9, 12));
      chunked = /\r\ntransfer-encoding:\s*chunked/i.test(text);
      h.open(status);
      if (status !== 200) {
        socket.destroy();
        return;
      }
    }
    if (chunked) {
      if (!dechunk()) {
        h.error(new Error(`bad chunk framing: ${JSON.stringify(raw.slice(0, 20))}`));
        socket.destroy();
        return;
      }
    } else {
      body += raw;
      raw = '';
    }
    events();
  });
  socket.on('error', (e) => h.error(e));
  socket.on('close', () => {
    if (closed) return;
    closed = true;
    h.close();
  });

  return {
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    terminate: () => socket.destroy(),
  };
}
