/**
 * What the rounds know of a candidate's work, read back from the stored evaluations: each eval
 * example it was scored on, with what the target answered and what the metric wrote of it. This
 * is what a reflection shows and what the Pareto front is drawn from.
 */
import type { Graded } from "../propose/index.js";
import type { EvaluationRow } from "../store/rows.js";
import type { Example } from "../task/types.js";

/** The fields of a stored evaluation the rounds read. */
export type ScoredRow = Pick<EvaluationRow, "candidate_id" | "example_id" | "output" | "score">;

/**
 * The metric's written feedback on a stored evaluation, where the row has one: stores and metrics
 * without feedback have none, and a blank one counts as none.
 */
export function feedbackOf(row: object): string | undefined {
  if (!("feedback" in row) || typeof row.feedback !== "string") return undefined;
  const text = row.feedback.trim();
  return text === "" ? undefined : text;
}

/** Candidate `id`'s scored examples among `rows` (the run's eval evaluations), in the order of `split`. */
export function gradedOf(id: number, rows: readonly ScoredRow[], split: readonly Example[]): Graded[] {
  const own = new Map(rows.filter((r) => r.candidate_id === id).map((r) => [r.example_id, r]));
  return split.flatMap((example) => {
    const row = own.get(example.id);
    if (row === undefined) return [];
    const feedback = feedbackOf(row);
    return [{ example, output: row.output, score: row.score, ...(feedback === undefined ? {} : { feedback }) }];
  });
}
