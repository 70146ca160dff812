// A binary max-heap of candidates keyed by a gain, for lazy greedy. Equal gains come out lowest candidate
// first, so a lazy greedy picks exactly what a plain greedy scanning candidates in order would.
export interface GainHeap {
  readonly size: number
  push(candidate: number, gain: number): void
  topCandidate(): number
  topGain(): number
  pop(): void
}

export function gainHeap(capacity: number): GainHeap {
  const candidates = new Int32Array(capacity)
  const gains = new Float64Array(capacity)
  let size = 0

  // Whether slot a belongs above slot b.
  const above = (a: number, b: number) =>
    gains[a] > gains[b] || (gains[a] === gains[b] && candidates[a] < candidates[b])

  const swap = (a: number, b: number) => {
    const candidate = candidates[a]
    candidates[a] = candidates[b]
    candidates[b] = candidate
    const gain = gains[a]
    gains[a] = gains[b]
    gains[b] = gain
  }

  return {
    get size() {
      return size
    },
    push(candidate, gain) {
      if (size === capacity) throw new RangeError(`gain heap is full at ${capacity} entries`)
      let at = size++
      candidates[at] = candidate
      gains[at] = gain
      while (at > 0) {
        const parent = (at - 1) >> 1
        if (!above(at, parent)) break
        swap(at, parent)
        at = parent
      }
    },
    topCandidate: () => candidates[0],
    topGain: () => gains[0],
    pop() {
      size--
      if (size === 0) return
      candidates[0] = candidates[size]
      gains[0] = gains[size]
      let at = 0
      for (;;) {
        const left = 2 * at + 1
        const right = left + 1
        let best = at
        if (left < size && above(left, best)) best = left
        if (right < size && above(right, best)) best = right
        if (best === at) break
        swap(at, best)
        at = best
      }
    },
  }
}
