/**
 * Finalize: the winner, the runner-up and the task's human reference instructions scored on the
 * held-out test split, side by side (the APE paper's comparison), and stored.
 *
 * The scoring starts as soon as each is known rather than after selection: the references right
 * after the first proposals (their requests fill slots the selection leaves idle), the winner as
 * soon as selection is certain of it (while its last batches are still out). Finalize then only
 * waits for what is left.
 */
import type { EvalCandidate, Evaluator } from "../score/evaluator.js";
import type { Task } from "../task/types.js";

/** What test scoring needs. */
export interface TestContext {
  readonly task: Task;
  readonly evaluator: Evaluator;
  /** Called with a candidate's test-split scores once all are in (the flow records them). */
  readonly onScores: (candidateId: number, scores: readonly number[]) => void;
}

/** Test-split scoring of the finalists and references, each started once, as early as it is known. */
export class TestScoring {
  readonly #started = new Map<number, Promise<void>>();
  constructor(private readonly c: TestContext) {}

  /**
   * Start scoring `candidate` on the test split unless it already is; its scores go to `onScores`
   * when done. A failure is reported by `finish`.
   */
  start(candidate: EvalCandidate): void {
    const test = this.c.task.splits.test;
    if (test.length === 0 || this.#started.has(candidate.id)) return;
    const work = this.c.evaluator.score(candidate, "test", test).then((scores) => this.c.onScores(candidate.id, scores));
    work.catch(() => undefined);
    this.#started.set(candidate.id, work);
  }

  /** Start scoring the task's references (the flow has made them candidates). */
  startReferences(references: readonly EvalCandidate[]): void {
    for (const reference of references) this.start(reference);
  }

  /** Start the top two of `ranking` (if not yet), and wait for everything started. */
  async finish(ranking: readonly EvalCandidate[]): Promise<void> {
    for (const c of ranking.slice(0, 2)) this.start(c);
    await Promise.all(this.#started.values());
  }
}
