/**
 * The Selector seam: pure logic that decides which candidate gets scored on which eval examples,
 * through an `evaluate` callback. No model, no store: every strategy is testable on its own.
 */

import type { PartIdentity } from "../registry.js";

/** Examples a declared winner is scored on at least, by default (`SelectOptions.minEvidence`, see `evidence.ts`). */
export const MIN_EVIDENCE = 20;

/**
 * Challengers raced against the leader per step at most, by default (`SelectOptions.raceWidth`).
 * On the selection benchmark (seeds 0–999), 3 keeps the quality of 2 (96.6% and 96.4% within 0.02
 * at 14.8% of exhaustive's evaluations) in fewer round trips; with the race capped at 6 splits, 5
 * and 7 lost 0.7–1.6 points: the extra challengers spend the race's share of the budget before the
 * leader is certain.
 */
export const RACE_WIDTH = 3;

/** Score one candidate (index into the pool) on some eval examples (indices into the eval split). */
export interface EvalRequest {
  readonly candidate: number;
  readonly examples: readonly number[];
}

/**
 * Scores for each request, one number per example in the order asked. Execution accuracy gives
 * values in [0, 1]; log-probability gives values ≤ 0.
 */
export type Evaluate = (requests: readonly EvalRequest[]) => Promise<readonly (readonly number[])[]>;

/** Settings for one selection. */
export interface SelectOptions {
  /** Size of the eval split; example indices are `0 … evalSize-1`. */
  readonly evalSize: number;
  /** Most (candidate, example) evaluations the selector may ask for in all. */
  readonly budget: number;
  /** Seed of every random choice (batches, tie breaks). */
  readonly seed: number;
  /**
   * Most challengers raced against the leader in one step, by strategies that race (multistage).
   * Wider steps are fewer, larger `evaluate` calls (server latency better hidden) at the price of
   * some evaluations. It is a setting of the run, like the seed, never derived from how many
   * requests may be in flight: the same settings and seed give the same ranking whatever the
   * concurrency. @default the strategy's least width (multistage: `width`, 2); a search passes its
   * `raceWidth` setting (default RACE_WIDTH, 3)
   */
  readonly raceWidth?: number | undefined;
  /**
   * Examples the declared winner is scored on at least, or the whole split when it is smaller
   * (see `evidence.ts`). Strategies spend what it takes within the budget; where the budget runs
   * out first, the winner is the best candidate that has this many, if any has. @default 20
   */
  readonly minEvidence?: number | undefined;
  /**
   * Called at most once, with the candidate the strategy is certain will win, as soon as it is:
   * when it sends nothing more while batches are still out, so the caller can start what needs
   * the winner. Those batches rarely change the outcome; when they do, the ranking has the last
   * word. When it is called depends on the scores and the seed only, never on timing.
   */
  readonly onCertain?: ((candidate: number) => void) | undefined;
}

/** How much work a caller can have answered at once (what a race width used to be derived from; see `slotsWidth`). */
export interface Slots {
  /** Requests in flight at once (the search's `concurrency`). */
  readonly requests: number;
  /** Prompts per request, so evaluations of one candidate per request (the search's `batch`). */
  readonly promptsPerRequest: number;
}

/** A candidate's state at the end of one stage (or round). */
export interface StageRecord {
  readonly stage: number;
  readonly mean: number;
  /** Examples scored so far. */
  readonly count: number;
}

/** What selection concluded about one candidate. */
export interface CandidateOutcome {
  /** Index into the pool. */
  readonly index: number;
  /** Mean score over every example it was scored on. */
  readonly mean: number;
  readonly count: number;
  /** Stage where it was dropped, `undefined` if it survived to the end. */
  readonly droppedAt: number | undefined;
  readonly history: readonly StageRecord[];
}

/** The result of one selection. */
export interface SelectionResult {
  /** Every candidate, best first: survivors by mean, then dropped ones by stage (later first) and mean. */
  readonly ranking: readonly CandidateOutcome[];
  /** (candidate, example) evaluations asked for. */
  readonly evaluations: number;
  /**
   * Candidates (indices) tied with the winner: the same mean on the very same examples. The
   * seeded order, not the scores, put the winner first; empty when the winner is ahead.
   */
  readonly tiedWithWinner: readonly number[];
}

/** A selection strategy. */
export interface Selector {
  /** The name it is registered under (`select/index.ts`), as runs record it. */
  readonly name: string;
  /** Its name and settings, part of a run's identity; absent on your own Selector: its `name` alone. */
  readonly identity?: PartIdentity | undefined;
  /** Rank a pool of `poolSize` candidates, never asking for more than `options.budget` evaluations. */
  select(poolSize: number, evaluate: Evaluate, options: SelectOptions): Promise<SelectionResult>;
  /**
   * The most evaluations this strategy asks for on its own, whatever the budget (for progress
   * displays and cost estimates); absent when it spends whatever budget it is given.
   */
  maxEvaluations?(poolSize: number, evalSize: number): number;
  /**
   * What this strategy usually spends, for cost estimates, where that is well below
   * `maxEvaluations` (a race that stops once its leader is certain); absent when it is the same.
   * With `newcomers`, the pool is `poolSize` new candidates racing a leader already scored on the
   * whole split (a refining round's best so far), whose side of the race costs nothing.
   */
  typicalEvaluations?(poolSize: number, evalSize: number, newcomers?: boolean): number;
}
