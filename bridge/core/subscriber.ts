// What the hub needs from one connection, whatever its transport. Subclasses (WsClient, SseClient) keep
// per-connection state in a few fields, with methods on the prototype: no per-connection closures.
import type { Frame } from './frame.ts';
import type { Filter } from './state.ts';

export type Transport = 'ws' | 'sse';

export abstract class Subscriber {
  abstract readonly transport: Transport;
  /** Campaigns this subscriber wants; null = all. */
  filter: Filter = null;
  /** False until a WebSocket client subscribes; SSE streams are active from the start. */
  active = false;
  /** When it fell behind (the hub clock, ms); -1 while it keeps up. */
  lagSince = -1;
  closed = false;
  /** True while the hub has asked it to hold writes back until the end of the tick. */
  held = false;

  /** Hands the bytes to the transport; never blocks, never awaits. */
  abstract write(frame: Frame): void;
  /** Bytes accepted by write() and not yet handed to the network. */
  abstract pending(): number;
  /** One heartbeat round; false when the peer is gone (the subscriber has then been ended). */
  abstract heartbeat(): boolean;
  /** Ends the connection: `code` is a WebSocket close code (SSE streams just end). */
  abstract end(code: number, reason: string): void;
  /** Ends a connection that fell too far behind, telling it why when the transport allows. */
  abstract kick(): void;
  /**
   * More frames follow in this tick: the transport may hold its writes back and hand them to the
   * network together at release() (one system call instead of one per frame). Default: no-op.
   */
  hold(): void {}
  /** End of the tick: hand everything held to the network. */
  release(): void {}
}

/** Does `sub` want a frame about `campaignId` (null = about no campaign, e.g. system health)? */
export function wants(sub: Subscriber, campaignId: string | null): boolean {
  if (!sub.active) return false;
  return campaignId === null || sub.filter === null || sub.filter.has(campaignId);
}
