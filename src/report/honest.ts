/**
 * What every report says beside the winner so that it is read for what it is: that it is one of
 * the human references when it is (word for word, after the de-duplication normalisation), and
 * that it won a tie when candidates scored exactly as it did on the very same examples.
 */
import { tiedWithFirst } from "../select/ranking.js";

/** The mark of a candidate that is one of the task's human references. */
export const HUMAN_MARK = "= human reference";

/** `text` followed by the human-reference mark where `equals`. */
export function markReference(text: string, equals: boolean): string {
  return equals ? `${text} ${HUMAN_MARK}` : text;
}

/** A ranked candidate as the tie rule reads it. */
export interface TieEntry {
  readonly id: number;
  /** Mean eval score (null: not scored). */
  readonly score: number | null;
  readonly evalCount: number;
}

/**
 * The sentence saying the winner (the first of `ranked`) is tied, or undefined when it is ahead:
 * the same mean eval score on as many examples, which every candidate reads in one order, so on
 * the very same examples.
 */
export function tieSentence(ranked: readonly TieEntry[]): string | undefined {
  const first = ranked[0];
  if (!first || first.score === null) return undefined;
  const scored = ranked.filter((c) => c.score !== null).map((c) => ({ id: c.id, mean: c.score ?? 0, count: c.evalCount }));
  const tied = tiedWithFirst(scored);
  if (tied.length === 0) return undefined;
  const ids = tied.map((c) => c.id).join(", ");
  return `tie: candidate${tied.length === 1 ? "" : "s"} ${ids} scored exactly as the winner (${first.score.toFixed(3)}) on the same ${first.evalCount} eval examples; the seed, not the scores, put candidate ${first.id} first`;
}
