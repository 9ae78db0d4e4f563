// Sorting and growing the short lists and working arrays of the hot paths. Array.prototype.sort allocates a work
// array on every call and costs several times an insertion sort on the handful of items a clause has, and working
// arrays grow by doubling (or to what is needed, if more) so that a long clause or file costs a copy or two, not one
// per item. Each sort is a plain loop over one array with one comparison, so that V8 inlines it where it is called.

/** Sorts `xs[0, n)` in place, stably, by `compare`: an insertion sort, for short lists. */
export const insertionSort = <A>(xs: Array<A>, compare: (a: A, b: A) => number, n = xs.length): Array<A> => {
  for (let i = 1; i < n; i++) {
    const x = xs[i]!
    let j = i
    for (; j > 0 && compare(xs[j - 1]!, x) > 0; j--) xs[j] = xs[j - 1]!
    xs[j] = x
  }
  return xs
}

/** The distinct strings of `xs` in code-unit order (sorts and shortens `xs` in place; for a handful of strings). */
export const sortedUnique = <S extends string>(xs: Array<S>): Array<S> => {
  if (xs.length < 2) return xs
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i]!
    let j = i
    while (j > 0 && xs[j - 1]! > x) xs[j] = xs[--j]!
    xs[j] = x
  }
  let n = 1
  for (let i = 1; i < xs.length; i++) if (xs[i] !== xs[n - 1]) xs[n++] = xs[i]!
  xs.length = n
  return xs
}

/** Inserts `x` into the ascending `xs[0, count)`, keeping it ascending (`xs` has room); returns the new count. */
export const insertAscending = (xs: Int32Array | Array<number>, count: number, x: number): number => {
  let k = count
  while (k > 0 && xs[k - 1]! > x) xs[k] = xs[--k]!
  xs[k] = x
  return count + 1
}

interface Growable<A> {
  readonly length: number
  readonly set: (items: A, offset?: number) => void
  readonly subarray: (begin: number, end: number) => A
}

/**
 * A new `Kind` array twice as long as `a`, or `size` long if that is more, holding `a`'s first `keep` items (all of
 * them unless told) and zeros after.
 */
export const grown = <A extends Growable<A>>(Kind: new (length: number) => A, a: A, size = 0, keep = a.length): A => {
  const bigger = new Kind(Math.max(a.length * 2, size))
  bigger.set(keep === a.length ? a : a.subarray(0, keep))
  return bigger
}
