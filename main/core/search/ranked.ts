/** Scored matches as parallel arrays (see MatchList). */
interface Scored {
  readonly length: number;
  readonly scores: ArrayLike<number>;
  readonly slots: ArrayLike<number>;
}

/** Whether match a ranks before match b: higher score, then the later slot (newer). */
const before = (list: Scored, a: number, b: number): boolean =>
  list.scores[a]! > list.scores[b]! || (list.scores[a] === list.scores[b] && list.slots[a]! > list.slots[b]!);

/**
 * The positions of the best `count` matches, best first: one pass with a
 * small heap of the best so far, so the best 20 of 100,000 matches cost
 * about 100,000 comparisons, not a sort.
 */
export function best(list: Scored, count: number): number[] {
  const heap: number[] = []; // worst of the best at the top
  const worse = (a: number, b: number) => before(list, b, a);
  const siftDown = (i: number) => {
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) return;
      const child = left + 1 < heap.length && worse(heap[left + 1]!, heap[left]!) ? left + 1 : left;
      if (!worse(heap[child]!, heap[i]!)) return;
      [heap[i], heap[child]] = [heap[child]!, heap[i]!];
      i = child;
    }
  };
  for (let i = 0; i < list.length; i++) {
    if (heap.length < count) {
      heap.push(i);
      for (let c = heap.length - 1; c > 0; ) {
        const parent = (c - 1) >> 1;
        if (!worse(heap[c]!, heap[parent]!)) break;
        [heap[c], heap[parent]] = [heap[parent]!, heap[c]!];
        c = parent;
      }
    } else if (count > 0 && before(list, i, heap[0]!)) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (before(list, a, b) ? -1 : 1));
}

/**
 * All the matches in order, best first, taken one at a time (for phrases,
 * where some are dropped when their text is read): a heap over their
 * positions, built in linear time.
 */
export function* bestFirst(list: Scored): Generator<number> {
  const heap = Int32Array.from({ length: list.length }, (_, i) => i);
  const siftDown = (from: number, size: number) => {
    let i = from;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) return;
      const child = left + 1 < size && before(list, heap[left + 1]!, heap[left]!) ? left + 1 : left;
      if (!before(list, heap[child]!, heap[i]!)) return;
      const swap = heap[i]!;
      heap[i] = heap[child]!;
      heap[child] = swap;
      i = child;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(i, heap.length);
  for (let size = heap.length; size > 0; size--) {
    const top = heap[0]!;
    heap[0] = heap[size - 1]!;
    siftDown(0, size - 1);
    yield top;
  }
}
