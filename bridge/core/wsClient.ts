// One /ws connection: it is at once the hub's Subscriber and Hono's WSEvents object (Hono calls
// onOpen/onMessage/onClose as methods), so a connection costs one object and no closures.
import type { WSContext, WSEvents, WSMessageReceive } from 'hono/ws';
import { type ClientAction, parseClientAction } from '../protocol/index.ts';
import { BRIDGE_ERRORS, CLOSE_CODES, errorEnvelope } from './errors.ts';
import type { Frame } from './frame.ts';
import type { Hub } from './hub.ts';
import type { SocketAdapter } from './socketAdapter.ts';
import type { Filter, State } from './state.ts';
import { Subscriber } from './subscriber.ts';
import { takeToken } from './tokenBucket.ts';

/** Shared by every connection of one bridge. */
export interface WsDeps {
  hub: Hub;
  state: State;
  adapter: SocketAdapter;
  maxClients: number;
  maxPayload: number;
  rateLimit: number;
  rateBurst: number;
  maxSubscriptions: number;
  now: () => number;
}

const encoder = new TextEncoder();

/** UTF-8 length, computed only when the string might be over `limit`. */
function overLimit(text: string, limit: number): boolean {
  if (text.length * 3 <= limit) return false;
  return text.length > limit || encoder.encode(text).byteLength > limit;
}

export class WsClient extends Subscriber implements WSEvents {
  ws: WSContext | null = null;
  tokens: number;
  refilledAt: number;
  /** True after a rate_limited error, until a message is accepted again: one error per episode. */
  limited = false;

  constructor(readonly deps: WsDeps) {
    super();
    this.tokens = deps.rateBurst;
    this.refilledAt = deps.now();
  }

  get transport(): 'ws' {
    return 'ws';
  }

  onOpen(_evt: Event, ws: WSContext): void {
    this.ws = ws;
    const { hub, adapter, maxClients } = this.deps;
    adapter.open(ws);
    if (hub.size() >= maxClients) {
      this.error(
        BRIDGE_ERRORS.tooManyClients,
        `the bridge serves at most ${maxClients} clients; retry later`,
      );
      this.end(CLOSE_CODES.tryAgainLater, 'too many clients');
      return;
    }
    hub.add(this);
  }

  onMessage(evt: MessageEvent<WSMessageReceive>, _ws: WSContext): void {
    if (this.closed) return;
    const d = this.deps;
    if (!takeToken(this, d.now(), d.rateLimit, d.rateBurst)) {
      if (!this.limited) {
        this.limited = true;
        this.error(
          BRIDGE_ERRORS.rateLimited,
          `more than ${d.rateLimit} messages per second; message dropped`,
        );
      }
      return;
    }
    this.limited = false;
    const data = evt.data;
    if (typeof data !== 'string') {
      this.error(BRIDGE_ERRORS.badMessage, 'binary messages are not supported; send JSON text');
      return;
    }
    if (overLimit(data, d.maxPayload)) {
      this.error(BRIDGE_ERRORS.tooLarge, `messages are limited to ${d.maxPayload} bytes`);
      return;
    }
    const parsed = parseClientAction(data);
    if (!parsed.ok) {
      this.error(parsed.code, parsed.message);
      return;
    }
    this.act(parsed.value);
  }

  onClose(): void {
    this.closed = true;
    this.deps.hub.remove(this);
  }

  onError(): void {
    // a close event always follows, and it does the cleanup
  }

  act(action: ClientAction): void {
    if (action.action === 'ping') return; // keeps the client's own idle logic happy; nothing to answer
    const next =
      action.action === 'subscribe' ? this.subscribe(action.campaignId) : this.unsubscribe(action.campaignId);
    if (typeof next === 'string') {
      this.error(BRIDGE_ERRORS.badRequest, next);
      return;
    }
    this.filter = next.filter;
    this.active = next.active;
    if (action.action === 'subscribe') this.deps.hub.send(this, this.deps.state.snapshotFrame(this.filter));
  }

  /** The filter after subscribing to one campaign (or all); a string when refused. */
  subscribe(id: string | undefined): { filter: Filter; active: boolean } | string {
    if (id === undefined || (this.active && this.filter === null)) return { filter: null, active: true };
    const ids = new Set(this.active ? this.filter : []);
    ids.add(id);
    if (ids.size > this.deps.maxSubscriptions) {
      return `at most ${this.deps.maxSubscriptions} campaigns per connection; subscribe to all instead`;
    }
    return { filter: ids, active: true };
  }

  unsubscribe(id: string | undefined): { filter: Filter; active: boolean } | string {
    if (id === undefined) return { filter: null, active: false };
    if (!this.active) return { filter: null, active: false };
    if (this.filter === null) {
      return `subscribed to all campaigns: unsubscribe without campaignId, then subscribe to the ones wanted`;
    }
    const ids = new Set(this.filter);
    ids.delete(id);
    return ids.size === 0 ? { filter: null, active: false } : { filter: ids, active: true };
  }

  error(code: string, message: string): void {
    this.ws?.send(errorEnvelope(code, message, this.deps.now()));
  }

  write(frame: Frame): void {
    if (this.ws) this.deps.adapter.send(this.ws, frame);
  }

  pending(): number {
    return this.ws ? this.deps.adapter.bufferedAmount(this.ws) : 0;
  }

  override hold(): void {
    if (this.ws) this.deps.adapter.hold?.(this.ws);
  }

  override release(): void {
    if (this.ws) this.deps.adapter.release?.(this.ws);
  }

  heartbeat(): boolean {
    if (!this.ws || this.closed) return false;
    if (this.deps.adapter.heartbeat(this.ws)) return true;
    this.closed = true;
    return false;
  }

  end(code: number, reason: string): void {
    this.closed = true;
    this.ws?.close(code, reason);
  }

  kick(): void {
    this.error(BRIDGE_ERRORS.slowConsumer, 'too far behind the live feed; reconnect to resync');
    this.end(CLOSE_CODES.slowConsumer, 'slow consumer');
  }
}
