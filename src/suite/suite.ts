/**
 * A suite: one search per task, several at once, over models opened once, so the concurrency,
 * rate limits, request size, cache and budget hold for the whole suite and a task waiting on its
 * calls never holds up the others. Stored as a row of `suites` linking its runs, and run as a
 * stored job (src/jobs/lifecycle.ts), as a run is: stopped by Ctrl-C, a kill or its budget, it
 * continues (`ape resume SUITE`, or the same command) without redoing a finished task or paying
 * for a finished call again, and a second process never runs it at once.
 */
import { endJob, heartbeat, openJob } from "../jobs/lifecycle.js";
import { jobSignals } from "../jobs/signals.js";
import { DEFAULT_DB } from "../store/database.js";
import { asStorageError } from "../store/storage-fault.js";
import { Store } from "../store/store.js";
import type { SuiteEvent } from "./events.js";
import { suiteInputs } from "./inputs.js";
import type { SuiteOptions } from "./options.js";
import type { SuiteResult } from "./result.js";
import { runTasks } from "./run-tasks.js";
import { firstFailure, suiteEnding, suiteJobs } from "./suite-job.js";
import { summarizeSuite } from "./summary.js";

/** Search every task of a suite and summarise ape against the human references. Never prints. */
export async function suite(options: SuiteOptions): Promise<SuiteResult> {
  const inputs = await suiteInputs(options);
  const store = typeof options.db === "object" ? options.db : new Store(options.db ?? DEFAULT_DB);
  const emit = options.onEvent ?? (() => {});
  const jobs = suiteJobs(store);
  const { stop, release } = jobSignals(options.signal);
  try {
    const opened = openJob(jobs, { id: options.suiteId, resume: options.resume }, inputs.fresh);
    if (opened.done) return finished(store, opened.done.id, emit);
    const suiteId = opened.id;
    const stopHeartbeat = heartbeat(jobs, suiteId);
    const failures = await runTasks({ inputs, store, suiteId, resumed: opened.previous !== undefined, stop, emit }).finally(stopHeartbeat);
    const failure = firstFailure(failures, stop);
    if (failure) throw endJob(jobs, suiteId, failure.error, stop, suiteEnding(suiteId, failure));
    jobs.setStatus(suiteId, "done");
    return finished(store, suiteId, emit);
  } catch (error) {
    throw asStorageError(error, store.file, "write the results database");
  } finally {
    release();
    if (typeof options.db !== "object") store.close();
  }
}

/** The stored suite's result, said by a `suite-done` event. */
function finished(store: Store, suiteId: string, emit: (event: SuiteEvent) => void): SuiteResult {
  const result = summarizeSuite(store, suiteId);
  emit({ type: "suite-done", result });
  return result;
}
