// Aligning two sockets during a rotation. Both are subscribed to the same broadcast, and upstream sends
// every connection the same text in the same order, so the first text both sockets delivered marks the
// point where the new one has everything the old one will still bring: switch there, and nothing is
// lost or doubled. Upstream sends in one order to all connections; each socket delivers in order.
//
//   old: … a b c [d] e f     new (subscribed late): [d] e f …
//   - old delivers a text new is holding at index i → new is ahead: forward new's held items after i,
//     then switch.
//   - new delivers a text old already forwarded → new is behind (everything it held was forwarded
//     too): switch, and drop what new delivers next until it reaches the last text old forwarded.
//     Sockets read in bursts, so old can be many messages ahead at that moment.

export type OverlapStep<T> =
  | { kind: 'hold' }
  /** Forward `items` (in order) from the new socket, then make it the only one. */
  | { kind: 'switch'; items: T[] }
  /** The new socket held `capacity` items without one in common: alignment is not possible. */
  | { kind: 'overflow' };

export interface Overlap<T> {
  /** The old socket delivered (and the link forwarded) `raw`. */
  fromOld(raw: string): OverlapStep<T>;
  /** The new socket delivered `raw`, parsed as `item`. */
  fromNew(raw: string, item: T): OverlapStep<T>;
  /** What the new socket holds: the items the old one has not delivered. */
  held(): T[];
  /** After the switch: true while the new socket is still delivering what the old one forwarded. */
  alreadyForwarded(raw: string): boolean;
}

export const OVERLAP_CAPACITY = 2_048;

export function createOverlap<T>(capacity: number = OVERLAP_CAPACITY): Overlap<T> {
  // Insertion-ordered Set: the oldest text is the first one, so the bound is a cheap FIFO eviction.
  const oldSeen = new Set<string>();
  const held: T[] = [];
  const heldAt = new Map<string, number>(); // raw → index of its first occurrence in `held`
  const hold: OverlapStep<T> = { kind: 'hold' };
  let lastOld: string | null = null;
  let behind = false;
  return {
    fromOld(raw) {
      const i = heldAt.get(raw);
      if (i !== undefined) return { kind: 'switch', items: held.slice(i + 1) };
      lastOld = raw;
      oldSeen.add(raw);
      if (oldSeen.size > capacity) oldSeen.delete(oldSeen.values().next().value as string);
      return hold;
    },
    fromNew(raw, item) {
      if (oldSeen.has(raw)) {
        behind = raw !== lastOld;
        return { kind: 'switch', items: [] };
      }
      if (!heldAt.has(raw)) heldAt.set(raw, held.length);
      held.push(item);
      return held.length > capacity ? { kind: 'overflow' } : hold;
    },
    held: () => held.slice(),
    alreadyForwarded(raw) {
      if (!behind) return false;
      // A text the old socket never forwarded is news: the new socket has caught up, whatever the reason.
      const repeat = oldSeen.has(raw);
      if (!repeat || raw === lastOld) behind = false;
      return repeat;
    },
  };
}
