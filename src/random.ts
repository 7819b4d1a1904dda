/**
 * Seeded randomness: every random choice of a run (demo subsets, batches, sampling seeds) derives
 * from the run's seed through these functions, so a seed repeats a run exactly.
 */

/** A PRNG returning numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: small, fast, good enough for sampling; `seed` is taken as a 32-bit integer. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed derived from a parent seed and labels, so that independent streams never collide. */
export function deriveSeed(seed: number, ...labels: readonly (string | number)[]): number {
  let h = (seed >>> 0) ^ 0x811c9dc5;
  for (const label of labels) {
    const text = String(label);
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h = Math.imul(h ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  }
  return h >>> 0;
}

/** A shuffled copy of `items` (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** `k` distinct items drawn without replacement (all of them when `k` ≥ length). */
export function sample<T>(items: readonly T[], k: number, random: Random): T[] {
  return shuffled(items, random).slice(0, Math.max(0, k));
}
