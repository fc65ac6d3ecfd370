// SSE on Node without a web stream: the subscriber writes straight to the request's connection. Each
// event is turned into one HTTP chunk (size line + event + CRLF) once, as a Buffer shared by every
// stream, and each client gets a single socket.write of it: no ReadableStream promise round trip, no
// per-client copy, no http.ServerResponse chunk bookkeeping (which writes size, CRLF, data and CRLF as
// four corked pieces and uncorks on the next tick). Backpressure is the socket's own queue size.
//
// Direct socket writes are used only when this response owns the socket and speaks chunked encoding
// (HTTP/1.1, as EventSource does); otherwise (HTTP/1.0, a pipelined request waiting its turn) events
// go through res.write, which is always correct. The headers go out through http itself first, and
// res.end() writes the terminating chunk after everything written here, in order.
import { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { HttpBindings } from '@hono/node-server';
import type { Frame } from '../core/frame.ts';
import type { Hub } from '../core/hub.ts';
import type { SseAdapter } from '../core/sseAdapter.ts';
import { SSE_HEARTBEAT } from '../core/sseClient.ts';
import type { Filter } from '../core/state.ts';
import { Subscriber } from '../core/subscriber.ts';
import { httpChunk } from '../core/wireFormat.ts';

const toBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
/** One event as one HTTP/1.1 chunk, shared by every chunked stream. */
export const nodeSseChunk = (frame: Frame): Buffer => toBuffer(httpChunk(frame.sse));
/** One event as plain bytes, for streams that go through res.write. */
const nodeSseBytes = (frame: Frame): Buffer => toBuffer(frame.sse);
const HEARTBEAT_CHUNK = toBuffer(httpChunk(SSE_HEARTBEAT));
const HEARTBEAT_BYTES = toBuffer(SSE_HEARTBEAT);

const CLIENT = Symbol('sseClient');
type Res = ServerResponse & { [CLIENT]?: NodeSseClient; chunkedEncoding?: boolean };

function onClose(this: Res): void {
  this[CLIENT]?.detach();
}

export class NodeSseClient extends Subscriber {
  constructor(
    readonly hub: Hub,
    readonly res: Res,
    /** The socket to write chunks to directly; null = write through res.write. */
    readonly direct: Socket | null,
    filter: Filter,
  ) {
    super();
    this.filter = filter;
    this.active = true;
  }

  get transport(): 'sse' {
    return 'sse';
  }

  write(frame: Frame): void {
    if (this.closed) return;
    if (this.direct) this.direct.write(frame.memo(nodeSseChunk));
    else this.res.write(frame.memo(nodeSseBytes));
  }

  /** Bytes of the first events (`retry:`, snapshot), written once for this stream. */
  writeBytes(bytes: Uint8Array): void {
    if (this.closed || bytes.byteLength === 0) return;
    if (this.direct) this.direct.write(toBuffer(httpChunk(bytes)));
    else this.res.write(bytes);
  }

  pending(): number {
    return this.direct ? this.direct.writableLength : this.res.writableLength;
  }

  heartbeat(): boolean {
    if (this.closed) return false;
    if (this.direct) this.direct.write(HEARTBEAT_CHUNK);
    else this.res.write(HEARTBEAT_BYTES);
    return true;
  }

  override hold(): void {
    if (this.direct) this.direct.cork();
    else this.res.cork();
  }

  override release(): void {
    if (this.direct) this.direct.uncork();
    else this.res.uncork();
  }

  /** The response closed (client gone, or ended here). */
  detach(): void {
    if (this.closed) return;
    this.closed = true;
    this.hub.remove(this);
  }

  end(): void {
    this.detach();
    this.res.end();
  }

  /** Too slow: what is queued would never arrive anyway, so the connection is dropped with it. */
  kick(): void {
    this.detach();
    this.res.destroy();
  }
}

/** Hono on Node: a response with this header and no body is left alone (the handler wrote it). */
function alreadySent(): Response {
  const r = new Response(null, { headers: { 'x-hono-already-sent': 'true' } });
  // @hono/node-server's lightweight Response with a null body would be written as an empty 200 by
  // its fast path, headers included; touching `body` turns it into a standard Response, which the
  // server checks for the already-sent header.
  void r.body;
  return r;
}

export const nodeSseAdapter: SseAdapter = {
  open(c, start) {
    const res = (c.env as Partial<HttpBindings> | undefined)?.outgoing as Res | undefined;
    if (!(res instanceof ServerResponse) || res.headersSent || res.destroyed) return null;
    res.writeHead(200, start.headers);
    res.flushHeaders();
    const socket = res.socket as (Socket & { _httpMessage?: unknown }) | null;
    const direct = res.chunkedEncoding === true && socket !== null && socket._httpMessage === res;
    const client = new NodeSseClient(start.hub, res, direct ? socket : null, start.filter);
    res[CLIENT] = client;
    res.once('close', onClose);
    for (const item of start.first) {
      if (item instanceof Uint8Array) client.writeBytes(item);
      else client.write(item);
    }
    if (!client.closed) start.hub.add(client);
    return alreadySent();
  },
};
