// One /analytics/stream connection: the hub's Subscriber and, at once, the underlying source of the
// ReadableStream that is the response body (the stream calls start/cancel as methods), and the abort
// listener of the request signal (handleEvent). One object per stream, no closures.
import { encodeText, type Frame } from './frame.ts';
import type { Hub } from './hub.ts';
import type { Filter } from './state.ts';
import { Subscriber } from './subscriber.ts';

/** The comment line sent as a heartbeat (proxies cut streams that stay silent). */
export const SSE_HEARTBEAT = encodeText(': hb\n\n');

/** Queue size counted in bytes; high-water mark 0: every queued byte counts as pending. */
export const SSE_STRATEGY: QueuingStrategy<Uint8Array> = {
  highWaterMark: 0,
  size: (chunk) => chunk.byteLength,
};

export interface Droppable {
  destroy(): void;
}

export class SseClient extends Subscriber implements UnderlyingDefaultSource<Uint8Array> {
  controller: ReadableStreamDefaultController<Uint8Array> | null = null;

  constructor(
    readonly hub: Hub,
    /** The runtime's handle on the connection, to drop it at once when the client is too slow. */
    readonly connection: Droppable | null,
    filter: Filter,
    /** What the stream starts with: `retry:`, then a snapshot or the frames missed since Last-Event-ID. */
    public first: readonly (Frame | Uint8Array)[] | null,
  ) {
    super();
    this.filter = filter;
    this.active = true;
  }

  get transport(): 'sse' {
    return 'sse';
  }

  start(controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.controller = controller;
    for (const item of this.first ?? []) controller.enqueue(item instanceof Uint8Array ? item : item.sse);
    this.first = null; // not needed any more; the stream may live for hours
    this.hub.add(this);
  }

  /** The reader went away (client disconnected, response dropped). */
  cancel(): void {
    this.detach();
  }

  /** The request's abort signal: hono#1902, cancel alone may not fire on a dead client. */
  handleEvent(): void {
    this.detach();
  }

  detach(): void {
    if (this.closed) return;
    this.closed = true;
    this.hub.remove(this);
    try {
      this.controller?.close();
    } catch {
      // already closed or errored
    }
  }

  write(frame: Frame): void {
    this.enqueue(frame.sse);
  }

  enqueue(bytes: Uint8Array): void {
    if (this.closed || !this.controller) return;
    try {
      this.controller.enqueue(bytes);
    } catch {
      this.detach();
    }
  }

  pending(): number {
    return this.controller ? -(this.controller.desiredSize ?? 0) : 0;
  }

  heartbeat(): boolean {
    this.enqueue(SSE_HEARTBEAT);
    return !this.closed;
  }

  end(): void {
    this.detach();
  }

  /** Too slow: what is queued would never arrive anyway, so the connection is dropped with it. */
  kick(): void {
    if (this.closed) return;
    this.closed = true;
    this.hub.remove(this);
    try {
      if (this.connection) {
        this.controller?.close();
        this.connection.destroy();
      } else {
        // portable fallback: an errored body makes the server drop the connection (and log the error)
        this.controller?.error(new Error('slow consumer'));
      }
    } catch {
      // already closed
    }
  }
}
