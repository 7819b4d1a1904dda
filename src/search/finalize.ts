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
import type { CandidateLog } from "../store/candidates.js";
import type { Task } from "../task/types.js";
import type { RankedEntry } from "./rounds.js";

/** What test scoring needs. */
export interface TestContext {
  readonly task: Task;
  readonly store: CandidateLog;
  readonly runId: string;
  readonly evaluator: Evaluator;
}

/** Test-split scoring of the finalists and references, each started once, as early as it is known. */
export class TestScoring {
  readonly #started = new Map<number, Promise<void>>();
  #references: readonly EvalCandidate[] | undefined;

  constructor(private readonly c: TestContext) {}

  /**
   * Start scoring `candidate` on the test split unless it already is; its test score is stored
   * when done. A failure is reported by `finish`.
   */
  start(candidate: EvalCandidate): void {
    const test = this.c.task.splits.test;
    if (test.length === 0 || this.#started.has(candidate.id)) return;
    const work = this.c.evaluator.score(candidate, "test", test).then((scores) => {
      this.c.store.updateCandidate(candidate.id, { testScore: scores.reduce((s, x) => s + x, 0) / scores.length, testCount: scores.length });
    });
    work.catch(() => undefined);
    this.#started.set(candidate.id, work);
  }

  /** Add the task's references to the run's candidates (once) and start scoring them. */
  startReferences(): void {
    this.#references ??= this.c.task.references.map((text) => ({ id: this.c.store.addCandidate(this.c.runId, { text, origin: "reference" }).id, text }));
    for (const reference of this.#references) this.start(reference);
  }

  /** Start the top two of `ranking` and the references (if not yet), and wait for everything started. */
  async finish(ranking: readonly RankedEntry[]): Promise<void> {
    for (const e of ranking.slice(0, 2)) this.start({ id: e.id, text: this.c.store.getCandidate(e.id)?.text ?? "" });
    this.startReferences();
    await Promise.all(this.#started.values());
  }
}
