/**
 * A suite as a stored job (src/jobs/lifecycle.ts): found or started, claimed, kept alive and
 * ended as a run is. This is its adapter: the suites of the store, and how a suite's ending is
 * told, from the task that stopped it.
 */
import { ApeError, BudgetError, partsOf, UsageError } from "../errors.js";
import { type EndingWords, endStatus, type Jobs } from "../jobs/lifecycle.js";
import { type Message, say } from "../message.js";
import type { Discarder, SqlAccess } from "../store/connection.js";
import type { SuiteRow } from "../store/rows.js";
import { claimSuite, createSuite, getSuite, type NewSuite, resumeOrCreateSuite, setSuiteStatus, touchSuite } from "../store/suites.js";

/** The suites of `store`, as the job lifecycle drives them. */
export function suiteJobs(store: SqlAccess & Discarder): Jobs<SuiteRow, Omit<NewSuite, "id">> {
  return {
    kind: "suite",
    file: store.file,
    get: (idOrPrefix) => getSuite(store, idOrPrefix),
    create: (id, fresh) => createSuite(store, { ...fresh, id }),
    claimNewestOrCreate: (id, fresh) => resumeOrCreateSuite(store, { ...fresh, id }),
    claim: (id) => claimSuite(store, id),
    touch: (id) => touchSuite(store, id),
    setStatus: (id, status, error) => setSuiteStatus(store, id, status, error),
    discard: () => store.discard(),
    mismatch: (suite) =>
      new UsageError(
        `suite ${suite.id} was started with other settings or other task files; it cannot be continued with these. Restore the task files, or start a new suite.`,
      ),
  };
}

/** A task that ended without finishing (`task` "" for the suite's models): its error, and the cause its run stored. */
export interface Failure {
  readonly task: string;
  readonly runId: string | undefined;
  readonly error: unknown;
  readonly cause: string | undefined;
}

/** The failure that says how the suite ended: a cancel first, then a spent budget, else the first; undefined when every task finished. */
export function firstFailure(failures: readonly Failure[], stop: AbortSignal): Failure | undefined {
  return failures.find((f) => endStatus(f.error, stop) === "cancelled") ?? failures.find((f) => f.error instanceof BudgetError) ?? failures[0];
}

/** How the end of suite `suiteId`, stopped by failure `f`, is told (see `endJob`). */
export function suiteEnding(suiteId: string, f: Failure): EndingWords {
  return {
    cause: causeOf(f),
    keptAfterBudget: "; finished tasks are kept",
    keptAfterCancel: "finished tasks and calls are kept",
    failed: (resume) => {
      if (!(f.error instanceof ApeError)) return f.error;
      const where = f.task ? `task ${f.task}${f.runId ? ` (run ${f.runId})` : ""}` : "its models";
      return new ApeError(
        say`suite ${suiteId}: ${where} failed: ${causeOf(f)}\nFix that, then continue with ${resume}; finished tasks are kept.`,
        f.error.exitCode,
        {
          cause: f.error,
        },
      );
    },
  };
}

/** What stopped a task, as its run stored it: a budget stop's own cause (the run's error adds how to resume that run alone). */
function causeOf(f: Failure): Message {
  if (f.error instanceof BudgetError && f.error.cause !== undefined) return partsOf(f.error.cause);
  return f.cause === undefined || f.error instanceof ApeError ? partsOf(f.error) : [f.cause];
}
