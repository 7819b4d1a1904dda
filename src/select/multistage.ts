/**
 * Adaptive multi-stage filtering, as the APE paper describes it: score every candidate on a small
 * batch, keep the promising ones, give the survivors a fresh batch and update their running means,
 * repeat until a few remain, then score those finalists on the whole eval split.
 */
import { UsageError } from "../errors.js";
import { byMean, PoolState } from "./pool-state.js";
import { createRng, deriveSeed } from "./random.js";
import type { Evaluate, SelectOptions, SelectionResult, Selector } from "./selector.js";

/** Settings of `multistage`; the defaults were tuned on `test/bench/selection.bench.ts`. */
export interface MultistageOptions {
  /** Examples per candidate in the first stage. @default 5 */
  readonly firstBatch?: number;
  /** Each later stage's batch is the previous one times this (rounded up). @default 2 */
  readonly growth?: number;
  /** Fraction of the candidates kept after each filtering stage (rounded up). @default 0.3 */
  readonly keep?: number;
  /** Filtering stops once at most this many remain; they are scored on the whole split. @default 3 */
  readonly finalists?: number;
}

/** The defaults of `MultistageOptions`. */
export const MULTISTAGE_DEFAULTS: Required<MultistageOptions> = {
  firstBatch: 5,
  growth: 2,
  keep: 0.3,
  finalists: 3,
};

/**
 * The multi-stage selector. Keeping a fixed top fraction (not an absolute score threshold) makes
 * the cost known in advance and works for any score scale, accuracy or log-probability. Ties at
 * the cut are broken by a seeded order.
 */
export function multistageSelector(settings: MultistageOptions = {}): Selector {
  const o = { ...MULTISTAGE_DEFAULTS, ...settings };
  if (!(o.firstBatch >= 1)) throw new UsageError(`multistage firstBatch must be ≥ 1, got ${o.firstBatch}`);
  if (!(o.growth >= 1)) throw new UsageError(`multistage growth must be ≥ 1, got ${o.growth}`);
  if (!(o.keep > 0 && o.keep < 1)) throw new UsageError(`multistage keep must be between 0 and 1, got ${o.keep}`);
  if (!(Number.isInteger(o.finalists) && o.finalists >= 1)) {
    throw new UsageError(`multistage finalists must be a whole number ≥ 1, got ${o.finalists}`);
  }
  return {
    name: "multistage",
    async select(poolSize: number, evaluate: Evaluate, options: SelectOptions): Promise<SelectionResult> {
      const state = new PoolState(poolSize, evaluate, options);
      let alive = createRng(deriveSeed(options.seed, 20)).shuffle(state.survivors());
      let stage = 0;
      let batch = o.firstBatch;
      while (alive.length > o.finalists && state.left > 0) {
        await state.score(state.share(alive, batch));
        state.record(stage, alive);
        const kept = Math.min(alive.length - 1, Math.max(o.finalists, Math.ceil(alive.length * o.keep)));
        const sorted = byMean(state, alive);
        state.drop(stage, sorted.slice(kept));
        alive = sorted.slice(0, kept);
        stage++;
        batch = Math.ceil(batch * o.growth);
      }
      if (state.left > 0 && alive.length > 0) {
        await state.score(state.share(alive, options.evalSize));
        state.record(stage, alive);
      }
      return state.result();
    },
  };
}

