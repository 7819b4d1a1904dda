/** The scoring seam: how well a target does an example under an instruction. */
import type { Example } from "../task/types.js";

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
  /** The name it is registered under (`registry.ts`). */
  readonly name: string;
  score(items: readonly ScoreItem[]): Promise<Scored[]>;
}
