/**
 * The suite's "human" score of a task: the mean of its human references on the test split, each
 * test example's score averaged over the references, on the examples every reference was scored on.
 *
 * Why the mean and not the best reference: ape's winner is chosen on the eval split and measured
 * on the test split, so its test score is a fair estimate of the instruction ape hands over. The
 * reference with the best *test* score would be chosen on the very split it is measured on, and
 * its score is then too high by the luck of the draw (the more references, the more so), which
 * would inflate the human side. The mean is what a human-written instruction scores when none is
 * picked by looking at the test answers. With one reference (as in the APE paper's tasks) the two
 * are the same.
 */
import { scoreInterval } from "../stats/interval.js";
import type { ScoreStats } from "../store/evaluations.js";
import type { StoreReader } from "../store/store.js";
import type { TestScore } from "./result.js";

/** The mean test score of `references` (rows of run `runId`), or null when one of them has no test score. */
export function humanScore(store: StoreReader, runId: string, references: readonly { readonly id: number; readonly text: string }[]): TestScore | null {
  if (references.length === 0) return null;
  const perExample = new Map<string, number[]>();
  for (const r of references) {
    for (const e of store.evaluations(runId, r.id)) {
      if (e.split !== "test") continue;
      const scores = perExample.get(e.example_id) ?? [];
      scores.push(e.score);
      perExample.set(e.example_id, scores);
    }
  }
  const shared = [...perExample.values()].filter((s) => s.length === references.length).map((s) => s.reduce((a, b) => a + b, 0) / s.length);
  if (shared.length === 0) return null;
  const mean = shared.reduce((a, b) => a + b, 0) / shared.length;
  const stats: ScoreStats = {
    candidate_id: references[0]?.id ?? 0,
    n: shared.length,
    mean,
    sumsq: shared.reduce((a, x) => a + x * x, 0),
    binary: shared.every((x) => x === 0 || x === 1) ? 1 : 0,
  };
  const text = references.length === 1 ? (references[0]?.text ?? "") : `mean of ${references.length} references`;
  return { text, score: mean, count: shared.length, interval: scoreInterval(stats) };
}
