/**
 * UCB bandit selection, as in the original APE code (`UCBBanditAlgo`): in each round, pull the
 * candidates with the highest upper confidence bound `mean + c·√(ln N / n)` (n: examples the
 * candidate has seen, N: examples seen in all), scoring each on a fresh batch.
 *
 * Two departures, both deliberate: every candidate is pulled once before any bound is computed
 * (the original gives unscored candidates a mean of 0 and an all but infinite bonus, which ranks
 * them inconsistently), and a candidate that has seen the whole split has an exact mean and no
 * bonus. The bonus is scaled by the observed score range, so `c` means the same for accuracy and
 * for log-probabilities. The rounds leave enough of the budget to confirm the leader on the
 * evidence floor (`evidence.ts`).
 */
import { UsageError } from "../errors.js";
import { confirmLeader } from "./evidence.js";
import { PoolState } from "./pool-state.js";
import { createRng, deriveSeed } from "../random.js";
import type { Evaluate, SelectOptions, SelectionResult, Selector } from "./selector.js";

/** Settings of `ucb`; defaults follow the original APE configuration. */
export interface UcbOptions {
  /** Rounds after the first sweep over all candidates. @default 20 */
  readonly rounds?: number;
  /** Candidates pulled per round: a count (≥ 1) or a fraction of the pool (< 1). @default 0.334 */
  readonly promptsPerRound?: number;
  /** Exploration constant. @default 1 */
  readonly c?: number;
  /** Fresh examples per pull. @default 5 */
  readonly samplesPerPull?: number;
}

/** The defaults of `UcbOptions`. */
export const UCB_DEFAULTS: Required<UcbOptions> = Object.freeze({ rounds: 20, promptsPerRound: 0.334, c: 1, samplesPerPull: 5 });

/**
 * The UCB selector. History holds one record per pull (stage 0 is the first sweep, stage r the
 * r-th round); nothing is dropped, and never-scored candidates (possible only when the budget ends
 * during the first sweep) rank after every scored one.
 */
export function ucbSelector(settings: UcbOptions = {}): Selector {
  const o = { ...UCB_DEFAULTS, ...settings };
  if (!(Number.isInteger(o.rounds) && o.rounds >= 0)) throw new UsageError(`ucb rounds must be a whole number ≥ 0, got ${o.rounds}`);
  if (!(o.promptsPerRound > 0)) throw new UsageError(`ucb promptsPerRound must be > 0, got ${o.promptsPerRound}`);
  if (!(o.c >= 0)) throw new UsageError(`ucb c must be ≥ 0, got ${o.c}`);
  if (!(o.samplesPerPull >= 1)) throw new UsageError(`ucb samplesPerPull must be ≥ 1, got ${o.samplesPerPull}`);
  return {
    name: "ucb",
    async select(poolSize: number, evaluate: Evaluate, options: SelectOptions): Promise<SelectionResult> {
      const state = new PoolState(poolSize, evaluate, options);
      const order = createRng(deriveSeed(options.seed, 40)).shuffle(state.survivors());
      await state.score(state.share(order, o.samplesPerPull));
      state.record(0, order);
      state.hold(state.need);
      const perRound = o.promptsPerRound < 1 ? Math.max(1, Math.ceil(o.promptsPerRound * poolSize)) : Math.floor(o.promptsPerRound);
      let round = 1;
      for (; round <= o.rounds && state.left > 0; round++) {
        const open = order.filter((c) => state.count(c) > 0 && state.unseen(c) > 0);
        if (open.length === 0) break;
        const total = order.reduce((sum, c) => sum + state.count(c), 0);
        const scale = state.range > 0 ? state.range : 1;
        const bound = (c: number): number => state.mean(c) + o.c * scale * Math.sqrt(Math.log(total) / state.count(c));
        const pulled = open
          .slice()
          .sort((a, b) => bound(b) - bound(a))
          .slice(0, perRound);
        await state.score(state.share(pulled, o.samplesPerPull));
        state.record(round, pulled);
      }
      await confirmLeader(state, round);
      return state.result();
    },
  };
}
