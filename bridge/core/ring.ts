// The last N emitted frames, for SSE resume. Every seq the bridge emits takes one slot, so slot order is
// seq order; a resync that replaced the state takes a slot too (a barrier), and resuming across it is
// refused: the client gets a fresh snapshot instead of a replay that would miss the replacement.
import type { Frame } from './frame.ts';

/** A slot that cannot be replayed: the state was replaced at this seq. */
export const BARRIER = null;

export class Ring {
  readonly #slots: (Frame | null)[];
  #next = 0;
  #count = 0;
  /** seq of the newest slot; the ring holds seqs lastSeq - count + 1 … lastSeq. */
  #lastSeq: number;

  constructor(
    readonly capacity: number,
    startSeq: number,
  ) {
    this.#slots = new Array(capacity).fill(BARRIER);
    this.#lastSeq = startSeq;
  }

  /** Stores the entry for `seq`, which must be the next seq. */
  push(seq: number, entry: Frame | null): void {
    if (seq !== this.#lastSeq + 1) throw new Error(`ring: seq ${seq} follows ${this.#lastSeq}`);
    this.#slots[this.#next] = entry;
    this.#next = (this.#next + 1) % this.capacity;
    this.#count = Math.min(this.#count + 1, this.capacity);
    this.#lastSeq = seq;
  }

  /**
   * The frames after `seq`, oldest first; [] when `seq` is the newest; null when they cannot all be
   * replayed (too old, from the future or another run, or across a barrier).
   */
  since(seq: number): Frame[] | null {
    if (!Number.isSafeInteger(seq) || seq > this.#lastSeq) return null;
    const missing = this.#lastSeq - seq;
    if (missing > this.#count) return null;
    const out: Frame[] = [];
    for (let i = missing; i >= 1; i--) {
      const slot = this.#slots[(this.#next - i + this.capacity) % this.capacity];
      if (!slot) return null;
      out.push(slot);
    }
    return out;
  }
}
