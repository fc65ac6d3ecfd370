// What the core needs from a runtime to serve an SSE stream on the runtime's own connection instead of
// a web ReadableStream. The portable stream works anywhere but costs a promise round trip and a chunk
// copy per event per client; the Node entry passes one that writes to the socket (bridge/node/sse.ts).
import type { Context } from 'hono';
import type { Frame } from './frame.ts';
import type { Hub } from './hub.ts';
import type { Filter } from './state.ts';

export interface SseStart {
  hub: Hub;
  filter: Filter;
  /** What the stream starts with: `retry:`, then a snapshot or the frames missed since Last-Event-ID. */
  first: readonly (Frame | Uint8Array)[];
  headers: Readonly<Record<string, string>>;
}

export interface SseAdapter {
  /**
   * Starts the stream on the connection behind `c` and registers its subscriber with the hub. Returns
   * what the handler answers Hono (a response telling the runtime that the answer is being sent), or
   * null when this request has no such connection: the core then serves the portable stream.
   */
  open(c: Context, start: SseStart): Response | null;
}
