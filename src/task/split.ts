/**
 * Dividing examples into demo / eval / test. Either every example names its split, or the task gives
 * fractions and the examples are shuffled with a seed and cut in order: demo first, then eval, then
 * the rest is test.
 *
 * Defaults (no `split` field, no per-example splits): demo gets 20% of the examples, at most
 * {@link DEFAULT_DEMO_CAP}, at least 1; the rest is halved between eval and test (eval gets the odd
 * one). The shuffle seed is `options.seed`, else `split.seed` in the file, else 0.
 */
import type { SplitFile } from "./schema.js";
import { mulberry32, shuffled } from "../random.js";
import type { SplitName } from "./types.js";

/** Most demo examples the default split gives (the proposer sees only a handful at a time). */
export const DEFAULT_DEMO_CAP = 50;
/** Share of the examples the default split gives to demo. */
export const DEFAULT_DEMO_FRACTION = 0.2;

/** How many examples go to each split, for `n` examples. */
export function splitCounts(n: number, split: SplitFile | undefined): Record<SplitName, number> {
  if (!split || (split.demo === undefined && split.eval === undefined && split.test === undefined)) {
    const demo = Math.min(DEFAULT_DEMO_CAP, Math.max(1, Math.round(n * DEFAULT_DEMO_FRACTION)));
    const rest = Math.max(0, n - demo);
    const evalCount = Math.ceil(rest / 2);
    return { demo: Math.min(demo, n), eval: evalCount, test: rest - evalCount };
  }
  const demoEnd = Math.round((split.demo ?? 0) * n);
  const evalEnd = Math.min(n, Math.round(((split.demo ?? 0) + (split.eval ?? 0)) * n));
  return { demo: demoEnd, eval: evalEnd - demoEnd, test: n - evalEnd };
}

/** The sum of the fractions a `split` field gives (1 when none is given). */
export function fractionSum(split: SplitFile): number {
  if (split.demo === undefined && split.eval === undefined && split.test === undefined) return 1;
  return (split.demo ?? 0) + (split.eval ?? 0) + (split.test ?? 0);
}

/** Assign items to splits by a seeded shuffle and the counts above. */
export function splitByFractions<T>(items: readonly T[], split: SplitFile | undefined, seed: number): Record<SplitName, T[]> {
  const counts = splitCounts(items.length, split);
  const order = shuffled(items, mulberry32(seed));
  return {
    demo: order.slice(0, counts.demo),
    eval: order.slice(counts.demo, counts.demo + counts.eval),
    test: order.slice(counts.demo + counts.eval),
  };
}
