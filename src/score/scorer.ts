/** The scoring seam: how well a target does an example under an instruction. */
import type { Example } from "../task/types.js";

/** One instruction on one example. */
export interface ScoreItem {
  readonly instruction: string;
  readonly example: Example;
}

/** The score of an item and, for execution accuracy, what the target answered and what the metric said of it. */
export interface Scored {
  readonly score: number;
  readonly output: string | null;
  /** The metric's feedback (a judge's reasons, why extraction found nothing); null when there is none. */
  readonly feedback: string | null;
}

/** Scores items through the target's Gateway. */
export interface Scorer {
  /** The name it is registered under (`registry.ts`). */
  readonly name: string;
  score(items: readonly ScoreItem[]): Promise<Scored[]>;
}
