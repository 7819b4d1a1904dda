/**
 * A small seeded random generator (mulberry32) and a shuffle built on it. Splits, importers and the
 * task generators use it so the same seed gives the same files on every machine and Node version.
 */

/** A function returning uniform numbers in [0, 1), fully determined by its seed. */
export type Random = () => number;

/** A seeded generator; any integer seed (only the low 32 bits count). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy of `items` (Fisher–Yates); the input is not changed. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}
