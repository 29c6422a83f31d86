// One bounded heap per product, all in shared typed arrays: memory is products × K entries, never
// products × candidates, and a candidate worse than a full heap's worst costs one comparison.

/** `a` ranks below `b`: lower score, or the same score and a higher index (ties go to the lower index). */
function ranksBelow (scoreA: number, indexA: number, scoreB: number, indexB: number): boolean {
  return scoreA < scoreB || (scoreA === scoreB && indexA > indexB)
}

export class TopKHeaps {
  readonly lists: number
  readonly capacity: number
  /** entries held by each list */
  readonly size: Int32Array
  /**
   * Per list, the lowest score that can still get in: the worst kept score once the list is
   * full, −∞ before. Callers test `score >= floor[list]` to skip most offers without a call.
   */
  readonly floor: Float64Array
  // Heap of list l occupies slots l × capacity … l × capacity + size[l]; its root is its worst entry.
  private readonly index: Int32Array
  private readonly score: Float64Array
  private readonly support: Int32Array

  constructor (lists: number, capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be an integer ≥ 1, got ${capacity}`)
    this.lists = lists
    this.capacity = capacity
    this.size = new Int32Array(lists)
    this.floor = new Float64Array(lists).fill(-Infinity)
    this.index = new Int32Array(lists * capacity)
    this.score = new Float64Array(lists * capacity)
    this.support = new Int32Array(lists * capacity)
  }

  /** Keeps (index, score, support) in `list` if it is among the best `capacity` offered so far. */
  offer (list: number, index: number, score: number, support: number): void {
    const base = list * this.capacity
    const size = this.size[list]
    if (size < this.capacity) {
      this.size[list] = size + 1
      this.siftUp(base, size, index, score, support)
      if (size + 1 === this.capacity) this.floor[list] = this.score[base]
    } else if (ranksBelow(this.score[base], this.index[base], score, index)) {
      this.siftDown(base, size, index, score, support)
      this.floor[list] = this.score[base]
    }
  }

  /** Empties `list` into `out`, best first; returns how many entries were written. */
  drain (list: number, out: { index: Int32Array, score: Float64Array, support: Int32Array }): number {
    const base = list * this.capacity
    const count = this.size[list]
    // In-place heap sort: moving the worst to the end each time leaves the slots best first.
    for (let size = count; size > 1; size--) {
      const last = base + size - 1
      const index = this.index[last]
      const score = this.score[last]
      const support = this.support[last]
      this.index[last] = this.index[base]
      this.score[last] = this.score[base]
      this.support[last] = this.support[base]
      this.siftDown(base, size - 1, index, score, support)
    }
    out.index.set(this.index.subarray(base, base + count))
    out.score.set(this.score.subarray(base, base + count))
    out.support.set(this.support.subarray(base, base + count))
    this.size[list] = 0
    this.floor[list] = -Infinity
    return count
  }

  private siftUp (base: number, hole: number, index: number, score: number, support: number): void {
    while (hole > 0) {
      const parent = (hole - 1) >> 1
      if (!ranksBelow(score, index, this.score[base + parent], this.index[base + parent])) break
      this.move(base + parent, base + hole)
      hole = parent
    }
    this.put(base + hole, index, score, support)
  }

  /** Places the entry at the root of a heap of `size` entries, sinking it below better children. */
  private siftDown (base: number, size: number, index: number, score: number, support: number): void {
    let hole = 0
    for (;;) {
      let child = 2 * hole + 1
      if (child >= size) break
      const right = child + 1
      if (right < size && ranksBelow(this.score[base + right], this.index[base + right], this.score[base + child], this.index[base + child])) child = right
      if (!ranksBelow(this.score[base + child], this.index[base + child], score, index)) break
      this.move(base + child, base + hole)
      hole = child
    }
    this.put(base + hole, index, score, support)
  }

  private move (from: number, to: number): void {
    this.index[to] = this.index[from]
    this.score[to] = this.score[from]
    this.support[to] = this.support[from]
  }

  private put (slot: number, index: number, score: number, support: number): void {
    this.index[slot] = index
    this.score[slot] = score
    this.support[slot] = support
  }
}
