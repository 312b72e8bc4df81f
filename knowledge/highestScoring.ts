/**
 * Picking the few best-scoring of many candidates without sorting them all: the FAQ matcher's
 * semantic candidates and the neighbour index's rescored questions and entries.
 */

/**
 * Writes into `out` the (at most `out.length`) entries of `candidates[0…count)` with the highest
 * `scores`, in no particular order, and returns how many it wrote. A min-heap: one comparison for
 * most entries, so picking 100 of 10,000 costs about as much as reading them.
 */
export function highestScoring(scores: Float32Array, candidates: Int32Array, count: number, out: Int32Array): number {
  const k = out.length;
  let size = 0;
  const less = (a: number, b: number): boolean => (scores[a] ?? 0) < (scores[b] ?? 0);
  for (let t = 0; t < count; t++) {
    const e = candidates[t] ?? 0;
    if (size < k) {
      // Sift up.
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        const p = out[parent] ?? 0;
        if (!less(e, p)) break;
        out[i] = p;
        i = parent;
      }
      out[i] = e;
    } else if (less(out[0] ?? 0, e)) {
      // Replace the smallest and sift down.
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= k) break;
        const right = left + 1;
        const child = right < k && less(out[right] ?? 0, out[left] ?? 0) ? right : left;
        const c = out[child] ?? 0;
        if (!less(c, e)) break;
        out[i] = c;
        i = child;
      }
      out[i] = e;
    }
  }
  return size;
}
