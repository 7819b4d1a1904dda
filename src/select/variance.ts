/**
 * Per-example variances for small samples, which are never 0 before the data says so. Five equal
 * scores (everyone 0/5 on a hard task, 5/5 on an easy one) say little about the spread: a sample
 * variance of 0 there would make every margin 0 and end a race on five examples.
 *
 * The scores' kind is read from the scores themselves, the most cautious reading first:
 * - *binary* (every score 0 or 1, exact-match accuracy): a candidate's variance is p(1 − p) at
 *   the Jeffreys estimate p = (successes + ½)/(n + 1) (Beta(½, ½) prior), so 0/5 gives 0.076, as
 *   wide as a Jeffreys interval; a paired difference d ∈ {−1, 0, 1} gets q − m² with the
 *   disagreement rate q and the mean difference m estimated the same way;
 * - *bounded* (every score in [0, 1], e.g. token F1): the sample variance shrunk toward
 *   p(1 − p) at the Jeffreys-adjusted mean, the most a score in [0, 1] with that mean can vary;
 * - otherwise *unbounded* (log-probabilities): the sample variance shrunk toward the pool's
 *   variance, itself at least `(LOG_FLOOR × mean |score|)²`.
 * A pool read as binary that later shows a 0.5 is read as bounded from then on: binary is the
 * widest of the three for a given mean, so the early decisions were the cautious ones.
 */
import type { PoolState } from "./pool-state.js";

/** Weight, in pseudo-examples, of the prior variance in a shrunk estimate. */
const PRIOR_WEIGHT = 2;
/** The least spread assumed of unbounded scores, as a fraction of their typical magnitude. */
const LOG_FLOOR = 0.1;
/** The least variance of unbounded scores all exactly 0. */
const ZERO_FLOOR = 1e-4;

/** How the scores seen so far can vary: read from them (see the file comment). */
export type ScoreKind = "binary" | "bounded" | "unbounded";

/** The kind of the scores `state` has seen. */
export function scoreKind(state: PoolState): ScoreKind {
  if (state.binary) return "binary";
  return state.low >= 0 && state.high <= 1 ? "bounded" : "unbounded";
}

/** A variance from `n` values shrunk toward `prior` (small samples say little about their spread). */
export function shrunk(variance: number, n: number, prior: number): number {
  return (variance * Math.max(0, n - 1) + prior * PRIOR_WEIGHT) / (Math.max(0, n - 1) + PRIOR_WEIGHT);
}

/** p(1 − p) at the Jeffreys estimate of a rate seen `hits` times in `n`. */
function jeffreys(hits: number, n: number): number {
  const p = (hits + 0.5) / (n + 1);
  return p * (1 - p);
}

/** The variance model of one race step: each candidate's per-example variance and that of paired differences. */
export interface VarianceModel {
  /** Per-example variance of candidate `c` (it has at least one score). */
  candidate(c: number): number;
  /**
   * Per-example variance of the difference `a − b` over their first `n` shared examples, whose
   * differences sum to `sum`, with squares summing to `squares`.
   */
  paired(a: number, b: number, n: number, sum: number, squares: number): number;
}

/** The variance model for comparing `candidates` on what `state` has seen. */
export function varianceModel(state: PoolState, candidates: readonly number[]): VarianceModel {
  const kind = scoreKind(state);
  const sample = (n: number, sum: number, squares: number): number => (n > 1 ? Math.max(0, (squares - (sum * sum) / n) / (n - 1)) : 0);
  if (kind === "binary") {
    return {
      candidate: (c) => jeffreys(state.mean(c) * state.count(c), state.count(c)),
      // For d ∈ {−1, 0, 1}: E[d²] is the disagreement rate (here `squares / n`), so Var d = q − m².
      paired: (_a, _b, n, sum, squares) => {
        const q = (squares + 0.5) / (n + 1);
        const m = sum / (n + 1);
        return Math.max(sample(n, sum, squares), q - m * m);
      },
    };
  }
  if (kind === "bounded") {
    const candidate = (c: number): number => shrunk(state.variance(c), state.count(c), jeffreys(state.mean(c) * state.count(c), state.count(c)));
    return { candidate, paired: (a, b, n, sum, squares) => shrunk(sample(n, sum, squares), n, candidate(a) + candidate(b)) };
  }
  const prior = poolPrior(state, candidates);
  const candidate = (c: number): number => shrunk(state.variance(c), state.count(c), prior);
  return { candidate, paired: (_a, _b, n, sum, squares) => shrunk(sample(n, sum, squares), n, 2 * prior) };
}

/**
 * The typical per-example variance of one of `candidates` with unbounded scores: the mean variance
 * of those with two scores or more (before any has, the variance of all their scores together),
 * but never below `(LOG_FLOOR × their mean magnitude)²`, nor `ZERO_FLOOR`.
 */
function poolPrior(state: PoolState, candidates: readonly number[]): number {
  const all = candidates.flatMap((c) => state.scores(c));
  const magnitude = all.length > 0 ? all.reduce((s, x) => s + Math.abs(x), 0) / all.length : 0;
  const floor = Math.max(ZERO_FLOOR, (LOG_FLOOR * magnitude) ** 2);
  const scored = candidates.filter((c) => state.count(c) > 1);
  if (scored.length > 0) return Math.max(floor, scored.reduce((sum, c) => sum + state.variance(c), 0) / scored.length);
  if (all.length < 2) return floor;
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  return Math.max(floor, all.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (all.length - 1));
}
