/**
 * The life of a run in the store, around the flow: a run is a stored job (src/jobs/lifecycle.ts),
 * found or started, claimed, kept alive and ended as a suite is; this is its adapter: the runs of
 * the store, and how a run's ending is told.
 */
import { UsageError, partsOf } from "../errors.js";
import { endJob, heartbeat as beat, type Jobs, type OpenedJob, openJob } from "../jobs/lifecycle.js";
import type { SearchOptions } from "../options/search-options.js";
import type { Discarder } from "../store/connection.js";
import type { RunRow } from "../store/rows.js";
import type { NewRun, RunLog } from "../store/runs.js";

/** The runs of `store`, as the job lifecycle drives them. */
function runJobs(store: RunLog & Discarder): Jobs<RunRow, Omit<NewRun, "id">> {
  return {
    kind: "run",
    file: store.file,
    get: (idOrPrefix) => store.getRun(idOrPrefix),
    create: (id, fresh) => store.createRun({ ...fresh, id }),
    claimNewestOrCreate: (id, fresh) => store.resumeOrCreate({ ...fresh, id }),
    claim: (id) => store.claimRun(id),
    touch: (id) => store.touchRun(id),
    setStatus: (id, status, error) => store.setRunStatus(id, status, error),
    discard: () => store.discard(),
    mismatch: (run) =>
      new UsageError(
        `run ${run.id} was started with other settings or another version of its task file (${run.task_file}); it cannot be continued with these. Restore the task file, or start a new search.`,
      ),
  };
}

/**
 * The run to work on: the one named by `options.runId`, else the newest unfinished one with these
 * settings (unless `resume: false`), else a new one made from `fresh`. A run another live process
 * is running is never run a second time: that is an error, whether named or found.
 */
export function openRun(store: RunLog & Discarder, options: Pick<SearchOptions, "runId" | "resume">, fresh: Omit<NewRun, "id">): OpenedJob<RunRow> {
  return openJob(runJobs(store), { id: options.runId, resume: options.resume }, fresh);
}

/** Mark run `runId` alive while it runs (see `heartbeat` in jobs/lifecycle.ts); returns the function that stops it. */
export function heartbeat(store: RunLog & Discarder, runId: string): () => void {
  return beat(runJobs(store), runId);
}

/**
 * Record how a run that failed with `error` ended (`stop`: the run's stop signal) and return the
 * error to throw (see `endJob`); a run that failed otherwise than by its budget, a cancel or its
 * disk throws its own error.
 */
export function endRun(store: RunLog & Discarder, runId: string, error: unknown, stop: AbortSignal): unknown {
  return endJob(runJobs(store), runId, error, stop, {
    cause: partsOf(error),
    keptAfterBudget: "",
    keptAfterCancel: "finished calls are not paid for again",
    failed: () => error,
  });
}
