/** The typed result of a suite, as the library returns it, `--json` prints it and `ape export SUITE` writes it. */
import type { Totals } from "../result.js";
import type { Interval } from "../stats/interval.js";
import type { RunStatus } from "../store/schema.js";

/** An instruction's score on a task's test split, with its 95% interval. */
export interface TestScore {
  readonly text: string;
  readonly score: number;
  /** Test examples scored. */
  readonly count: number;
  readonly interval: Interval | undefined;
}

/** How ape's winner fared against the human references: a tie when the intervals overlap. */
export const OUTCOMES = ["win", "tie", "loss"] as const;
/** One outcome. */
export type Outcome = (typeof OUTCOMES)[number];

/** One task of a suite: one row of the summary table. */
export interface SuiteTaskResult {
  readonly task: string;
  /** The task file as the suite was given it (absolute). */
  readonly taskFile: string;
  /** Its run (null when it has not started). */
  readonly runId: string | null;
  readonly status: RunStatus | "pending";
  /** The winner's test score (null until the run finished with a test split). */
  readonly ape: TestScore | null;
  /** The winner is one of the task's human references (word for word, after the de-duplication normalisation). */
  readonly apeIsReference: boolean;
  /**
   * The human references' test score: their mean, per test example, on the examples all were
   * scored on (the same as the winner's); one reference's own score when there is one. Not the
   * best on test, which would be chosen on the split it is measured on (see `human-score.ts`).
   */
  readonly reference: TestScore | null;
  /** ape − reference. */
  readonly difference: number | null;
  readonly outcome: Outcome | null;
  readonly evaluations: number;
  readonly calls: number;
  readonly costUsd: number;
}

/** What `suite()` returns. */
export interface SuiteResult {
  readonly suiteId: string;
  readonly status: RunStatus;
  /** One per task, in the order given. */
  readonly tasks: readonly SuiteTaskResult[];
  /** Interquartile means over the tasks that have both scores (see `iqm`). */
  readonly iqm: { readonly ape: number | null; readonly reference: number | null };
  readonly record: { readonly wins: number; readonly ties: number; readonly losses: number };
  readonly totals: Totals;
  /** The SQLite file holding the suite. */
  readonly db: string;
}
