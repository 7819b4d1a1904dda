/**
 * Adaptive multi-stage filtering, as the APE paper describes it: score every candidate on a small
 * batch, keep the promising ones, give the survivors a fresh batch and update their running means,
 * repeat until a few remain, then score those finalists on the whole eval split.
 */
import { UsageError } from "../errors.js";
import { fitFirstBatch, keptAfter } from "./multistage-plan.js";
import { byMean, PoolState } from "./pool-state.js";
import { createRng, deriveSeed } from "../random.js";
import type { Evaluate, SelectOptions, SelectionResult, Selector } from "./selector.js";

/**
 * Settings of `multistage`. The defaults were tuned on `test/bench/selection.bench.ts` (50
 * candidates, 100 examples): 15.0% of exhaustive's evaluations, a pick within 0.02 of the best in
 * 92% of the benchmark's trials (89% on 600 other seeds), short of the 95% goal; none of the
 * ~800 settings tried (first batch 3–10, growth 1–3, keep 0.1–0.5, 2–6 finalists, slack 0–1.5)
 * reached 95% within 15% there.
 */
export interface MultistageOptions {
  /** Examples per candidate in the first stage. @default 5 */
  readonly firstBatch?: number;
  /** Each later stage's batch is the previous one times this (rounded up). @default 1.5 */
  readonly growth?: number;
  /** Fraction of the candidates kept after each filtering stage (rounded up). @default 0.4 */
  readonly keep?: number;
  /** Filtering stops once at most this many remain; they are scored on the whole split. @default 3 */
  readonly finalists?: number;
  /**
   * Slack of the cut, in standard errors: a candidate below the top fraction is still kept when its
   * mean is within `slack · s/√n` of the last kept one (s: pooled standard deviation of the stage's
   * candidates, n: examples each has seen). 0 keeps exactly the top fraction. @default 0
   */
  readonly slack?: number;
}

/** The defaults of `MultistageOptions`. */
export const MULTISTAGE_DEFAULTS: Required<MultistageOptions> = Object.freeze({
  firstBatch: 5,
  growth: 1.5,
  keep: 0.4,
  finalists: 3,
  slack: 0,
});

/**
 * The multi-stage selector. Keeping a top fraction (not an absolute score threshold) makes the
 * cost known in advance (`plannedCost`) and works for any score scale, accuracy or
 * log-probability; ties at the cut are broken by a seeded order. On the benchmark's shape (50
 * candidates, 100 examples) the defaults cost 749 evaluations: 50×5, 20×8, 8×12, 4×18, then 3
 * finalists × the 57 examples they have not seen. When the budget cannot pay for the schedule,
 * the first batch shrinks (down to 1) until it can; the finalists' last stage takes what is left.
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
      let batch = fitFirstBatch(poolSize, options.evalSize, options.budget, o);
      while (alive.length > o.finalists && state.left > 0) {
        await state.score(state.share(alive, batch));
        state.record(stage, alive);
        const sorted = byMean(state, alive);
        const kept = cut(state, sorted, keptAfter(alive.length, o), o.slack);
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


/** How many of `sorted` (best first) to keep: `base`, plus those within the slack of the last kept. */
function cut(state: PoolState, sorted: readonly number[], base: number, slack: number): number {
  const last = sorted[base - 1];
  if (slack <= 0 || last === undefined) return base;
  const scored = sorted.filter((c) => state.count(c) > 1);
  if (scored.length === 0) return base;
  const sd = Math.sqrt(scored.reduce((sum, c) => sum + state.variance(c), 0) / scored.length);
  const floor = state.mean(last) - (slack * sd) / Math.sqrt(Math.max(1, state.count(last))) - 1e-12;
  let kept = base;
  while (kept < sorted.length - 1) {
    const next = sorted[kept];
    if (next === undefined || !(state.mean(next) >= floor)) break;
    kept++;
  }
  return kept;
}
