// One emitted message, serialized once: the JSON text, its UTF-8 bytes for WebSocket and the SSE event
// bytes are made at most once each and shared by every subscriber (ws#617: serialize once, frame once).

const encoder = new TextEncoder();

export class Frame {
  #bytes: Uint8Array | undefined;
  #sse: Uint8Array | undefined;
  #memoKey: unknown;
  #memo: unknown;
  #more: Map<unknown, unknown> | undefined;

  constructor(
    /** The envelope's seq; the SSE `id:`. */
    readonly seq: number,
    /** The envelope type; the SSE `event:` name. */
    readonly type: string,
    /** The campaign this message is about, for subscription filters; null = for every subscriber. */
    readonly campaignId: string | null,
    /** The envelope as JSON. */
    readonly text: string,
  ) {}

  /** UTF-8 of `text`: sent as-is in a WebSocket text frame. */
  get bytes(): Uint8Array {
    this.#bytes ??= encoder.encode(this.text);
    return this.#bytes;
  }

  /** The whole SSE event: `id`, `event`, `data`, blank line. JSON text holds no raw newline. */
  get sse(): Uint8Array {
    this.#sse ??= encoder.encode(`id: ${this.seq}\nevent: ${this.type}\ndata: ${this.text}\n\n`);
    return this.#sse;
  }

  /**
   * A runtime adapter's own ready-to-write form of this frame (e.g. a whole WebSocket frame as a Node
   * Buffer), made by `make` on first use and then shared by every connection. Keyed by `make`: one slot
   * inline (the usual single adapter per transport), more in a map.
   */
  memo<T>(make: (frame: Frame) => T): T {
    if (this.#memoKey === make) return this.#memo as T;
    if (this.#memoKey === undefined) {
      this.#memoKey = make;
      this.#memo = make(this);
      return this.#memo as T;
    }
    this.#more ??= new Map();
    if (!this.#more.has(make)) this.#more.set(make, make(this));
    return this.#more.get(make) as T;
  }
}

/** A frame from an envelope object: the only place envelopes are stringified for subscribers. */
export function frameOf(
  env: { type: string; data: unknown; timestamp: string; seq: number },
  campaignId: string | null,
): Frame {
  return new Frame(env.seq, env.type, campaignId, JSON.stringify(env));
}

export const encodeText = (text: string): Uint8Array => encoder.encode(text);
