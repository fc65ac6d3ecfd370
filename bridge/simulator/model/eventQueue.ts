// A binary min-heap of timed events. Ties break on insertion order, so the simulation is
// deterministic however the caller chunks its steps.

interface Entry<T> {
  at: number;
  seq: number;
  value: T;
}

export interface EventQueue<T> {
  push(at: number, value: T): void;
  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number;
  pop(): { at: number; value: T } | undefined;
  readonly size: number;
}

const before = <T>(a: Entry<T>, b: Entry<T>): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

export function createEventQueue<T>(): EventQueue<T> {
  const heap: Entry<T>[] = [];
  let seq = 0;

  function up(i: number): void {
    const e = heap[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = heap[p]!;
      if (!before(e, parent)) break;
      heap[i] = parent;
      i = p;
    }
    heap[i] = e;
  }

  function down(i: number): void {
    const e = heap[i]!;
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && before(heap[r]!, heap[l]!) ? r : l;
      if (!before(heap[c]!, e)) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = e;
  }

  return {
    push(at, value) {
      heap.push({ at, seq: seq++, value });
      up(heap.length - 1);
    },
    peekTime: () => heap[0]?.at ?? Number.POSITIVE_INFINITY,
    pop() {
      const top = heap[0];
      if (!top) return undefined;
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        down(0);
      }
      return { at: top.at, value: top.value };
    },
    get size() {
      return heap.length;
    },
  };
}
