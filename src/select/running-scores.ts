/**
 * The scores a selection has seen: each candidate's scores in reading order with their running mean
 * and variance (Welford's one-pass update), and over every score the range and whether all are 0
 * or 1 (what the strategies' confidence bounds and variance models read).
 */
import { ApeError, EXIT } from "../errors.js";

/** Running statistics of the scores of `size` candidates. */
export class RunningScores {
  readonly #count: number[];
  readonly #mean: number[];
  readonly #m2: number[];
  readonly #scores: number[][];
  #low = Infinity;
  #high = -Infinity;
  #binary = true;

  constructor(size: number) {
    this.#count = new Array<number>(size).fill(0);
    this.#mean = new Array<number>(size).fill(0);
    this.#m2 = new Array<number>(size).fill(0);
    this.#scores = Array.from({ length: size }, () => []);
  }

  /** Examples candidate `c` has been scored on. */
  count(c: number): number {
    return this.#count[c] ?? 0;
  }

  /** Running mean of candidate `c`, `NaN` before it is scored. */
  mean(c: number): number {
    return this.count(c) > 0 ? (this.#mean[c] ?? NaN) : NaN;
  }

  /** Sample variance (n − 1 denominator) of `c`'s scores; 0 below two scores. */
  variance(c: number): number {
    const n = this.count(c);
    return n > 1 ? (this.#m2[c] ?? 0) / (n - 1) : 0;
  }

  /**
   * Every score of `c` so far, in reading order: score `k` is on example `order[k]` of the pool, the same
   * example for every candidate, so two candidates' first `min(count)` scores are paired.
   */
  scores(c: number): readonly number[] {
    return this.#scores[c] ?? [];
  }

  /** Whether every score so far is 0 or 1 (true before any). */
  get binary(): boolean {
    return this.#binary;
  }

  /** The lowest score so far (Infinity before any). */
  get low(): number {
    return this.#low;
  }

  /** The highest score so far (−Infinity before any). */
  get high(): number {
    return this.#high;
  }

  /** Observed range (max − min) of every score so far; 0 before two distinct scores. */
  get range(): number {
    return this.#high > this.#low ? this.#high - this.#low : 0;
  }

  /** Add candidate `c`'s next score; a non-finite one is a fault of `evaluate`. */
  protected add(c: number, score: number): void {
    if (!Number.isFinite(score)) {
      throw new ApeError(`evaluate returned a non-finite score (${score}) for candidate ${c}`, EXIT.internal);
    }
    const n = this.count(c) + 1;
    const mean = this.#mean[c] ?? 0;
    const delta = score - mean;
    const next = mean + delta / n;
    this.#count[c] = n;
    this.#scores[c]?.push(score);
    this.#mean[c] = next;
    this.#m2[c] = (this.#m2[c] ?? 0) + delta * (score - next);
    if (score < this.#low) this.#low = score;
    if (score > this.#high) this.#high = score;
    if (score !== 0 && score !== 1) this.#binary = false;
  }
}
