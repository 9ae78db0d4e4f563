// Seeded randomness for the audit: sampling and the bootstrap must give the same bytes for the same seed on any
// machine, so they use this small PRNG (mulberry32) and never Math.random. Each use draws from its own stream,
// named by a string (`1:sample:ppp`), so adding a stratum or a category does not move the draws of the others.

/** A 32-bit FNV-1a hash of a string: turns a stream name into a seed. */
const fnv1a = (s: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

export interface Random {
  /** Uniform in [0, 1). */
  readonly next: () => number
  /** Uniform integer in [0, n). */
  readonly below: (n: number) => number
  /** Standard normal (Box–Muller, both values of a pair used). */
  readonly normal: () => number
  /** Gamma(shape, 1): Marsaglia–Tsang; shape ½ as Z²/2, other shapes < 1 by the usual power boost. */
  readonly gamma: (shape: number) => number
  /** Beta(a, b). */
  readonly beta: (a: number, b: number) => number
}

export const random = (stream: string): Random => {
  let state = fnv1a(stream)
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const below = (n: number): number => Math.floor(next() * n)
  let spare = NaN
  const normal = (): number => {
    if (!Number.isNaN(spare)) {
      const z = spare
      spare = NaN
      return z
    }
    const radius = Math.sqrt(-2 * Math.log(1 - next()))
    const angle = 2 * Math.PI * next()
    spare = radius * Math.sin(angle)
    return radius * Math.cos(angle)
  }
  const gamma = (shape: number): number => {
    if (shape === 0.5) {
      const z = normal()
      return (z * z) / 2
    }
    if (shape < 1) return gamma(shape + 1) * Math.pow(1 - next(), 1 / shape)
    const d = shape - 1 / 3
    const c = 1 / Math.sqrt(9 * d)
    for (;;) {
      const z = normal()
      const v = Math.pow(1 + c * z, 3)
      if (v <= 0) continue
      const u = 1 - next()
      if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v
    }
  }
  const beta = (a: number, b: number): number => {
    const x = gamma(a)
    return x / (x + gamma(b))
  }
  return { next, below, normal, gamma, beta }
}

/** The first `k` of `n` indices in a seeded random order (a partial Fisher–Yates shuffle). */
export const choose = (r: Random, n: number, k: number): Array<number> => {
  const idx = Array.from({ length: n }, (_, i) => i)
  for (let i = 0; i < Math.min(k, n); i++) {
    const j = i + r.below(n - i)
    const t = idx[i]!
    idx[i] = idx[j]!
    idx[j] = t
  }
  return idx.slice(0, Math.min(k, n))
}
