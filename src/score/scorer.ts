/** The scoring seam: how well a target does an example under an instruction. */
import type { Example } from "../task/types.js";

/** The scorers: execution accuracy and mean per-token log-probability. */
export const SCORERS = ["exec", "logprob"] as const;
/** Name of a scorer. */
export type ScorerName = (typeof SCORERS)[number];

/** One instruction on one example. */
export interface ScoreItem {
  readonly instruction: string;
  readonly example: Example;
}

/** The score of an item and, for execution accuracy, what the target answered. */
export interface Scored {
  readonly score: number;
  readonly output: string | null;
}

/** Scores items through the target's Gateway. */
export interface Scorer {
  readonly name: ScorerName;
  score(items: readonly ScoreItem[]): Promise<Scored[]>;
}
