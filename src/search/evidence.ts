/**
 * What the rounds know of a candidate's work: each eval example it was scored on, with what the
 * target answered and what the metric wrote of it (the evaluator's rows, as the evaluations table
 * stores them). This is what a reflection shows and what the Pareto front is drawn from.
 */
import type { Graded } from "../propose/index.js";
import type { KeptScore } from "../score/evaluator.js";
import type { Example } from "../task/types.js";

/** One scored example of a candidate, as the rounds read it. */
export type ScoredRow = Pick<KeptScore, "candidateId" | "row">;

/**
 * The metric's written feedback on an evaluation, where its row has one (as the evaluator hands
 * it to the store, or as the store reads it back): metrics and stores without feedback have none,
 * and a blank one counts as none.
 */
export function feedbackOf(row: { readonly feedback?: string | null | undefined }): string | undefined {
  if (typeof row.feedback !== "string") return undefined;
  const text = row.feedback.trim();
  return text === "" ? undefined : text;
}

/** Candidate `id`'s scored examples among `rows` (the run's eval evaluations), in the order of `split`. */
export function gradedOf(id: number, rows: readonly ScoredRow[], split: readonly Example[]): Graded[] {
  const own = new Map(rows.filter((r) => r.candidateId === id).map(({ row }) => [row.exampleId, row]));
  return split.flatMap((example) => {
    const row = own.get(example.id);
    if (row === undefined) return [];
    const feedback = feedbackOf(row);
    return [{ example, output: row.output, score: row.score, ...(feedback === undefined ? {} : { feedback }) }];
  });
}
