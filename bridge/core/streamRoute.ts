// GET /analytics/stream: Server-Sent Events. `retry:` first, then a snapshot (or, with Last-Event-ID,
// the frames missed since then from the ring), then live frames, each with `id:` = seq.
import type { Context } from 'hono';
import { BRIDGE_ERRORS, jsonError } from './errors.ts';
import { parseFilter } from './filter.ts';
import { encodeText, type Frame } from './frame.ts';
import type { Hub } from './hub.ts';
import type { SseAdapter } from './sseAdapter.ts';
import { type Droppable, SSE_STRATEGY, SseClient } from './sseClient.ts';
import type { State } from './state.ts';

export interface StreamDeps {
  hub: Hub;
  state: State;
  maxClients: number;
  retryMs: number;
  /** The runtime's connection behind a request, so a too-slow stream can be dropped at once. */
  connectionOf?: ((c: Context) => Droppable | undefined) | undefined;
  /** The runtime's own SSE writer; without it (or when it declines a request), a ReadableStream body. */
  sseAdapter?: SseAdapter | undefined;
}

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  // no-transform: proxies must not compress or rewrite the stream
  'cache-control': 'no-cache, no-transform',
  // nginx buffers proxied responses unless told not to (DOMAIN.md complaint 5)
  'x-accel-buffering': 'no',
} as const;

/** The seq to resume after: Last-Event-ID header (EventSource reconnects) or `lastEventId` query. */
function resumeFrom(c: Context): number | null {
  const text = c.req.header('last-event-id') ?? c.req.query('lastEventId');
  if (text === undefined || !/^\d{1,16}$/.test(text.trim())) return null;
  return Number(text.trim());
}

export function streamHandler(deps: StreamDeps) {
  const retry = encodeText(`retry: ${deps.retryMs}\n\n`);
  return function stream(c: Context): Response {
    const filter = parseFilter(c.req.queries('campaignId'));
    if (typeof filter === 'string') return jsonError(400, BRIDGE_ERRORS.badRequest, filter);
    if (deps.hub.size() >= deps.maxClients) {
      return jsonError(
        503,
        BRIDGE_ERRORS.tooManyClients,
        `the bridge serves at most ${deps.maxClients} clients`,
      );
    }
    // HEAD gets the headers only: Hono would drop the body unread, and the stream would linger
    if (c.req.method === 'HEAD') return new Response(null, { headers: SSE_HEADERS });
    const from = resumeFrom(c);
    const missed = from === null ? null : deps.state.since(from);
    const first: (Frame | Uint8Array)[] = [retry];
    if (missed === null) first.push(deps.state.snapshotFrame(filter));
    else
      for (const f of missed)
        if (filter === null || f.campaignId === null || filter.has(f.campaignId)) first.push(f);
    const served = deps.sseAdapter?.open(c, { hub: deps.hub, filter, first, headers: SSE_HEADERS });
    if (served) return served;
    const client = new SseClient(deps.hub, deps.connectionOf?.(c) ?? null, filter, first);
    c.req.raw.signal.addEventListener('abort', client, { once: true });
    return new Response(new ReadableStream(client, SSE_STRATEGY), { headers: SSE_HEADERS });
  };
}
