/**
 * Finalize: the winner, the runner-up and the task's human reference instructions scored on the
 * held-out test split, side by side (the APE paper's comparison), and stored.
 */
import type { Evaluator } from "../score/evaluator.js";
import type { Store } from "../store/store.js";
import type { Task } from "../task/types.js";
import type { RankedEntry } from "./rounds.js";

/** What finalize needs. */
export interface FinalizeContext {
  readonly task: Task;
  readonly store: Store;
  readonly runId: string;
  readonly evaluator: Evaluator;
  readonly ranking: readonly RankedEntry[];
}

/** Score the top two and the references on the test split. */
export async function finalize(c: FinalizeContext): Promise<void> {
  const test = c.task.splits.test;
  const finalists = c.ranking.slice(0, 2).map((e) => ({ id: e.id, text: c.store.getCandidate(e.id)?.text ?? "" }));
  const references = c.task.references.map((text) => ({ id: c.store.addCandidate(c.runId, { text, origin: "reference" }).id, text }));
  if (test.length === 0) return;
  await Promise.all(
    [...finalists, ...references].map(async (candidate) => {
      const scores = await c.evaluator.score(candidate, "test", test);
      c.store.updateCandidate(candidate.id, { testScore: scores.reduce((s, x) => s + x, 0) / scores.length, testCount: scores.length });
    }),
  );
}
