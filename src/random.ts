/**
 * Seeded randomness for everything that must be reproducible from a run's seed: batches, tie
 * breaks, demo subsets. Small and dependency-free so any module can reuse it.
 *
 * - `splitmix32` mixes a 32-bit value into a well-spread one; use it to derive independent seeds
 *   (`deriveSeed(seed, 1)`, `deriveSeed(seed, 2)` …) so that two uses of one run seed do not share
 *   a stream.
 * - `mulberry32` is a fast 32-bit generator with a 2^32 period: plenty for shuffles and sampling,
 *   not for cryptography.
 *
 * @example
 * const rng = createRng(deriveSeed(runSeed, 7));
 * const order = rng.shuffle([0, 1, 2, 3]);
 */
import { at } from "./at.js";

/** A function returning uniform numbers in [0, 1), fully determined by its seed. */
export type Random = () => number;

/** A shuffled copy of `items` (Fisher–Yates with `random`); the input is left alone. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = at(out, i);
    out[i] = at(out, j);
    out[j] = a;
  }
  return out;
}

/** A seeded source of uniform numbers. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n) for n ≥ 1. */
  int(n: number): number;
  /** A shuffled copy of `items` (Fisher–Yates); the input is left alone. */
  shuffle<T>(items: readonly T[]): T[];
}

/**
 * splitmix32's finaliser: a bijective mix of a 32-bit integer.
 * @param x any number; only its low 32 bits count.
 * @returns an unsigned 32-bit integer.
 */
export function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A seed for an independent stream, derived from a base seed and one or more stream labels.
 * @param seed the base (run) seed; non-integers are truncated.
 * @param streams which stream: a different constant or name per purpose (e.g. `"forward", 3`).
 */
export function deriveSeed(seed: number, ...streams: readonly (number | string)[]): number {
  let s = Math.trunc(seed);
  for (const stream of streams) {
    const n = typeof stream === "number" ? Math.trunc(stream) : hashString(stream);
    s = splitmix32(splitmix32(s) ^ splitmix32(Math.imul(n, 0x27d4eb2d)));
  }
  return s >>> 0;
}

/** FNV-1a hash of a string, as a 32-bit integer. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * mulberry32: a generator of floats in [0, 1).
 * @param seed an integer; equal seeds give equal sequences.
 */
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

/**
 * A seeded `Rng` built on mulberry32 (the seed is mixed with splitmix32 first, so small or
 * similar seeds still give unrelated streams).
 */
export function createRng(seed: number): Rng {
  const next = mulberry32(splitmix32(Math.trunc(seed)));
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    shuffle: <T>(items: readonly T[]): T[] => shuffled(items, next),
  };
}

/** `k` distinct items drawn without replacement (all of them, shuffled, when `k` ≥ length). */
export function sample<T>(items: readonly T[], k: number, rng: Rng): T[] {
  return rng.shuffle(items).slice(0, Math.max(0, k));
}

/** A seeded permutation of `0 … n-1`. */
export function permutation(n: number, rng: Rng): number[] {
  return rng.shuffle(Array.from({ length: n }, (_, i) => i));
}
