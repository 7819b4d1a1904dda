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
 *   candidate has seen far more examples than the other. With 0/1 scores it is Agresti and Caffo's
 *   (2000): each rate counts one more hit and one more miss, which keeps a challenger seen on a few
 *   examples from being judged on them alone (a 2/5 is not yet far below a 15/20).
 * The paired estimate is used only where the shared examples are at least half of each candidate's
 * count: on fewer it ignores most of what the other has seen, and picking it because its margin
 * happens to be narrower ended races on a few lucky examples.
 */
import type { PoolState } from "./pool-state.js";
import type { VarianceModel } from "./variance.js";

/** The difference `a − b` of two candidates' whole-split means, as far as it is known. */
export interface Difference {
  /** Estimated difference of the means. */
  readonly mean: number;
  /** Its standard error (0 once both have seen the whole split). */
  readonly se: number;
}

/** Finite-population factor of a mean over `n` of `size` examples, as a multiplier on the standard error. */
function fpc(n: number, size: number): number {
  return size > 0 ? Math.sqrt(Math.max(0, 1 - n / size)) : 0;
}

/**
 * Compare `a` with `b`, with per-example variances from `variances` (see `variance.ts`: never 0
 * on a few equal scores, so equal first batches leave the margins wide).
 * @returns `undefined` when either candidate has no score yet.
 */
export function compare(state: PoolState, a: number, b: number, variances: VarianceModel): Difference | undefined {
  const na = state.count(a);
  const nb = state.count(b);
  if (na === 0 || nb === 0) return undefined;
  const N = state.evalSize;
  const unpaired = state.binary
    ? agrestiCaffo(state.mean(a) * na, na, state.mean(b) * nb, nb, N)
    : {
        mean: state.mean(a) - state.mean(b),
        se: Math.sqrt((variances.candidate(a) / na) * fpc(na, N) ** 2 + (variances.candidate(b) / nb) * fpc(nb, N) ** 2),
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
  // The paired estimate is of the difference on the shared examples only; the rest of each
  // candidate's seen examples are ignored, so it is exact only when both have seen everything.
  const paired: Difference = { mean: sum / n, se: Math.sqrt(variances.paired(a, b, n, sum, squares) / n) * fpc(n, N) };
  return paired.se < unpaired.se && 2 * n >= Math.max(na, nb) ? paired : unpaired;
}

/** The difference of two rates, `hitsA` in `na` and `hitsB` in `nb` of a split of `size`, each with one hit and one miss added. */
function agrestiCaffo(hitsA: number, na: number, hitsB: number, nb: number, size: number): Difference {
  const pa = (hitsA + 1) / (na + 2);
  const pb = (hitsB + 1) / (nb + 2);
  return {
    mean: pa - pb,
    se: Math.sqrt(((pa * (1 - pa)) / (na + 2)) * fpc(na, size) ** 2 + ((pb * (1 - pb)) / (nb + 2)) * fpc(nb, size) ** 2),
  };
}
