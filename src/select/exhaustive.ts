/**
 * Exhaustive selection: every candidate on the whole eval split. The reference the adaptive
 * strategies are measured against, and the right choice when the pool is small.
 */
import { confirmLeader } from "./evidence.js";
import { PoolState } from "./pool-state.js";
import { createRng, deriveSeed } from "../random.js";
import type { Evaluate, SelectOptions, SelectionResult, Selector } from "./selector.js";

/** Settings of `exhaustive` (none yet; kept for a uniform `createSelector`). */
export type ExhaustiveOptions = Record<string, never>;

/**
 * Every candidate on every example when the budget allows. Under a smaller budget, the budget is
 * shared out evenly (each candidate gets ⌊budget / pool⌋ examples, the remainder going one each to
 * candidates in a seeded order), so the partial means stay comparable; when that leaves each
 * below the evidence floor, enough is kept back to confirm the leader on it (`evidence.ts`).
 */
export function exhaustiveSelector(): Selector {
  return {
    name: "exhaustive",
    async select(poolSize: number, evaluate: Evaluate, options: SelectOptions): Promise<SelectionResult> {
      const state = new PoolState(poolSize, evaluate, options);
      if (poolSize === 0) return state.result();
      // Under a budget short of the whole pool × split, keep back enough to confirm the leader.
      if (options.budget < poolSize * options.evalSize && Math.floor(options.budget / poolSize) < state.need) state.hold(state.need);
      const each = Math.min(options.evalSize, Math.floor(state.left / poolSize));
      const extra = each < options.evalSize ? state.left - each * poolSize : 0;
      const order = createRng(deriveSeed(options.seed, 10)).shuffle(state.survivors());
      await state.score(order.map((candidate, i) => ({ candidate, size: each + (i < extra ? 1 : 0) })));
      state.record(0, order);
      await confirmLeader(state, 1);
      // What confirming left over goes round evenly: the least scored first, then in the same order.
      if (state.left > 0) {
        const least = order.slice().sort((a, b) => state.count(a) - state.count(b));
        await state.score(state.share(least, state.left));
        state.record(2, order);
      }
      return state.result();
    },
  };
}
