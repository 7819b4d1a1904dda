/**
 * Successive halving with a fixed budget (Karnin, Koren & Somekh 2013): split the budget evenly
 * over ⌈log_η n⌉ rounds; in each, give every survivor an equal share of fresh examples, then keep
 * the best 1/η by running mean.
 */
import { UsageError } from "../errors.js";
import { confirmLeader } from "./evidence.js";
import { byMean, PoolState } from "./pool-state.js";
import { createRng, deriveSeed } from "../random.js";
import type { Evaluate, SelectOptions, SelectionResult, Selector } from "./selector.js";

/** Settings of `halving`. */
export interface HalvingOptions {
  /** Keep 1/eta of the survivors after each round. @default 2 */
  readonly eta?: number;
}

/** The defaults of `HalvingOptions`. */
export const HALVING_DEFAULTS: Required<HalvingOptions> = Object.freeze({ eta: 2 });

/**
 * The successive-halving selector. It spends the whole budget (or the whole split, if less):
 * what one round leaves unspent (candidates that saw the whole split) goes to the later rounds, and
 * what is left at the end confirms the leader on the evidence floor (`evidence.ts`).
 */
export function halvingSelector(settings: HalvingOptions = {}): Selector {
  const o = { ...HALVING_DEFAULTS, ...settings };
  if (!(o.eta > 1)) throw new UsageError(`halving eta must be > 1, got ${o.eta}`);
  return {
    name: "halving",
    async select(poolSize: number, evaluate: Evaluate, options: SelectOptions): Promise<SelectionResult> {
      const state = new PoolState(poolSize, evaluate, options);
      let alive = createRng(deriveSeed(options.seed, 30)).shuffle(state.survivors());
      const rounds = Math.max(1, Math.ceil(Math.log(Math.max(poolSize, 1)) / Math.log(o.eta) - 1e-9));
      state.hold(state.need);
      let round = 0;
      for (; round < rounds && alive.length > 0 && state.left > 0; round++) {
        const size = Math.max(1, Math.floor(state.left / ((rounds - round) * alive.length)));
        await state.score(state.share(alive, size));
        state.record(round, alive);
        if (alive.length === 1) break;
        const kept = Math.max(1, Math.ceil(alive.length / o.eta));
        const sorted = byMean(state, alive);
        state.drop(round, sorted.slice(kept));
        alive = sorted.slice(0, kept);
      }
      await confirmLeader(state, round);
      return state.result();
    },
  };
}
