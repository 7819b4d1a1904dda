/**
 * How far one candidate may be above another, judged from what both have seen so far. The
 * estimate targets the difference of their *whole-split* means, so the finite-population factor
 * shrinks the margin as the counts near the split size (it is exact at the end).
 *
 * Two estimates of the difference are available and the tighter one is used:
 * - *paired*: the mean of per-example differences over the examples both have seen (every
 *   candidate reads the split in one shared order). Example difficulty cancels out, which is what
 *   makes close candidates separable on real tasks, where easy examples are easy for everyone.
 * - *unpaired*: the difference of the two running means, each with its own count; better when one
 *   candidate has seen far more examples than the other.
 */
import type { PoolState } from "./pool-state.js";

/** The difference `a − b` of two candidates' whole-split means, as far as it is known. */
export interface Difference {
  /** Estimated difference of the means. */
  readonly mean: number;
  /** Its standard error (0 once both have seen the whole split). */
  readonly se: number;
}

/** Weight (in pseudo-examples) of the pool-wide variance in each estimated variance. */
const PRIOR_WEIGHT = 2;

/** Finite-population factor of a mean over `n` of `size` examples, as a multiplier on the standard error. */
function fpc(n: number, size: number): number {
  return size > 0 ? Math.sqrt(Math.max(0, 1 - n / size)) : 0;
}

/** A variance from `n` values shrunk toward `prior` (small samples say little about their spread). */
function shrunk(variance: number, n: number, prior: number): number {
  return (variance * Math.max(0, n - 1) + prior * PRIOR_WEIGHT) / (Math.max(0, n - 1) + PRIOR_WEIGHT);
}

/**
 * Compare `a` with `b`. `pooled` is the typical per-example variance of one candidate (the mean of
 * the survivors' variances), used to steady the small-sample estimates.
 * @returns `undefined` when either candidate has no score yet.
 */
export function compare(state: PoolState, a: number, b: number, pooled: number): Difference | undefined {
  const na = state.count(a);
  const nb = state.count(b);
  if (na === 0 || nb === 0) return undefined;
  const N = state.evalSize;
  const unpaired: Difference = {
    mean: state.mean(a) - state.mean(b),
    se: Math.sqrt((shrunk(state.variance(a), na, pooled) / na) * fpc(na, N) ** 2 + (shrunk(state.variance(b), nb, pooled) / nb) * fpc(nb, N) ** 2),
  };
  const xa = state.scores(a);
  const xb = state.scores(b);
  const n = Math.min(na, nb);
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = (xa[i] ?? 0) - (xb[i] ?? 0);
    sum += d;
    squares += d * d;
  }
  const mean = sum / n;
  const variance = n > 1 ? Math.max(0, (squares - n * mean * mean) / (n - 1)) : 0;
  // The paired estimate is of the difference on the shared examples only; the rest of each
  // candidate's seen examples are ignored, so it is exact only when both have seen everything.
  const paired: Difference = { mean, se: Math.sqrt(shrunk(variance, n, 2 * pooled) / n) * fpc(n, N) };
  return paired.se < unpaired.se ? paired : unpaired;
}

/**
 * The typical per-example variance of one candidate: the mean variance of `candidates` with at
 * least two scores; before any has two, the variance of all their scores together (an
 * overestimate, so margins start wide rather than falsely narrow).
 */
export function pooledVariance(state: PoolState, candidates: readonly number[]): number {
  const scored = candidates.filter((c) => state.count(c) > 1);
  if (scored.length > 0) return scored.reduce((sum, c) => sum + state.variance(c), 0) / scored.length;
  const all = candidates.flatMap((c) => state.scores(c));
  if (all.length < 2) return 0;
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  return all.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (all.length - 1);
}
