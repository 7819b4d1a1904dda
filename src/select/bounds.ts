/**
 * Confidence-bound elimination (ours): every surviving candidate gets a fresh batch each stage; a
 * candidate is dropped once its upper confidence bound falls below the best lower bound among the
 * survivors. Bounds are for sampling without replacement from the finite split (see
 * `confidence.ts`), using the score range (1 for scores in [0, 1], else the observed one), so they
 * hold for accuracy and log-probability alike. Stops when one candidate is left, all survivors have seen the whole split, or the budget
 * ends, keeping enough of it to confirm the leader on the evidence floor (`evidence.ts`).
 */
import { UsageError } from "../errors.js";
import { radius } from "./confidence.js";
import { confirmLeader } from "./evidence.js";
import { byMean, PoolState } from "./pool-state.js";
import { scoreKind } from "./variance.js";
import { createRng, deriveSeed } from "../random.js";
import type { Evaluate, SelectOptions, SelectionResult, Selector } from "./selector.js";

/** Settings of `bounds`. */
export interface BoundsOptions {
  /** Fresh examples per survivor per stage. @default 5 */
  readonly batch?: number;
  /**
   * Failure probability of all intervals together, over every candidate and every stage: stage s
   * gets delta / ((s + 1)(s + 2)), split evenly over the candidates, so the looks add up to at
   * most delta and the best candidate of the split is dropped with probability ≤ delta. @default 0.05
   */
  readonly delta?: number;
}

/** The defaults of `BoundsOptions`. */
export const BOUNDS_DEFAULTS: Required<BoundsOptions> = Object.freeze({ batch: 5, delta: 0.05 });

/**
 * The range of one score the bounds assume: 1 for scores in [0, 1] (known, so equal first scores
 * do not make it 0), else the observed range.
 */
function range(state: PoolState): number {
  return scoreKind(state) === "unbounded" ? state.range : 1;
}

/** The confidence-bound elimination selector. */
export function boundsSelector(settings: BoundsOptions = {}): Selector {
  const o = { ...BOUNDS_DEFAULTS, ...settings };
  if (!(o.batch >= 1)) throw new UsageError(`bounds batch must be ≥ 1, got ${o.batch}`);
  if (!(o.delta > 0 && o.delta < 1)) throw new UsageError(`bounds delta must be between 0 and 1, got ${o.delta}`);
  return {
    name: "bounds",
    async select(poolSize: number, evaluate: Evaluate, options: SelectOptions): Promise<SelectionResult> {
      const state = new PoolState(poolSize, evaluate, options);
      let alive = createRng(deriveSeed(options.seed, 50)).shuffle(state.survivors());
      state.hold(state.need);
      let stage = 0;
      for (; alive.length > 1 && state.left > 0; stage++) {
        const delta = o.delta / Math.max(1, poolSize) / ((stage + 1) * (stage + 2));
        const spent = await state.score(state.share(alive, o.batch));
        state.record(stage, alive);
        if (spent === 0) break; // every survivor has seen the whole split
        const width = (c: number): number =>
          state.count(c) === 0 ? Infinity : radius({ n: state.count(c), size: options.evalSize, variance: state.variance(c), range: range(state), delta });
        const best = Math.max(...alive.map((c) => state.mean(c) - width(c)).filter((x) => !Number.isNaN(x)));
        const out = alive.filter((c) => state.count(c) > 0 && state.mean(c) + width(c) < best);
        state.drop(stage, out);
        alive = byMean(
          state,
          alive.filter((c) => !out.includes(c)),
        );
      }
      await confirmLeader(state, stage);
      return state.result();
    },
  };
}
