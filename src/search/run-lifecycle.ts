/**
 * The life of a run in the store, around the flow: finding the run to continue (or starting one),
 * claiming it so no other process runs it at once, marking it alive while it runs, and recording
 * how it ended, with the error a caller gets for each ending.
 */
import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import { BudgetError, CancelledError, partsOf, UsageError } from "../errors.js";
import { option, resumeRef, say } from "../message.js";
import type { SearchOptions } from "../options.js";
import { HEARTBEAT_MS } from "../store/owner.js";
import type { RunRow } from "../store/rows.js";
import type { NewRun, RunLog } from "../store/runs.js";

/** The run a search works on: a finished one to report, or one claimed by this process. */
export type OpenedRun = { readonly done: RunRow } | { readonly done?: undefined; readonly runId: string; readonly previous: RunRow | undefined };

/**
 * The run to work on: the one named by `options.runId`, else the newest unfinished one with these
 * settings (unless `resume: false`), else a new one made from `fresh`. A run another process took a
 * moment ago is an error when named, else a new run starts.
 */
export function openRun(store: RunLog, options: Pick<SearchOptions, "runId" | "resume">, fresh: Omit<NewRun, "id">): OpenedRun {
  let previous = findRun(store, options, fresh.config_hash);
  if (previous?.status === "done") return { done: previous };
  if (previous) {
    try {
      store.claimRun(previous.id);
    } catch (error) {
      if (options.runId !== undefined) throw error;
      previous = undefined;
    }
  }
  const runId = previous?.id ?? randomUUID().slice(0, 8);
  if (!previous) store.createRun({ ...fresh, id: runId });
  return { runId, previous };
}

function findRun(store: RunLog, options: Pick<SearchOptions, "runId" | "resume">, hash: string): RunRow | undefined {
  if (options.runId !== undefined) {
    const run = store.getRun(options.runId);
    if (run.config_hash !== hash) {
      throw new UsageError(
        `run ${run.id} was started with other settings or another version of its task file (${run.task_file}); it cannot be continued with these. Restore the task file, or start a new search.`,
      );
    }
    return run;
  }
  if (options.resume === false) return undefined;
  return store.findResumable(hash);
}

/**
 * Mark the run alive every `HEARTBEAT_MS` (so other processes, even on other hosts, leave it alone
 * while a long call runs); returns the function that stops it.
 */
export function heartbeat(store: RunLog, runId: string): () => void {
  const timer = setInterval(() => {
    try {
      store.touchRun(runId);
    } catch {
      // A busy or failing disk: the next beat tries again, and the search's own writes report it.
    }
  }, HEARTBEAT_MS).unref();
  return () => clearInterval(timer);
}

/**
 * One signal for the run's many requests in flight (each adds a listener), aborted with the
 * caller's; `release` unhooks it from the caller's signal.
 */
export function runSignal(caller: AbortSignal | undefined): { readonly signal: AbortSignal; readonly release: () => void } {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const onAbort = (): void => controller.abort(caller?.reason);
  if (caller?.aborted) onAbort();
  caller?.addEventListener("abort", onAbort, { once: true });
  return { signal: controller.signal, release: () => caller?.removeEventListener("abort", onAbort) };
}

/**
 * Record how a run that failed with `error` ended (`budget`, `cancelled` or `failed`) and return
 * the error to throw: for a budget or a cancel, one that says how to continue the run (in the
 * database file `store.file`), with `error` as its cause.
 */
export function endRun(store: RunLog & { readonly file: string }, runId: string, error: unknown, signal: AbortSignal): unknown {
  const cancelled = signal.aborted && !(error instanceof BudgetError);
  const status = error instanceof BudgetError ? "budget" : cancelled || error instanceof CancelledError ? "cancelled" : "failed";
  const message = error instanceof Error ? error.message : String(error);
  store.setRunStatus(runId, status, message);
  const resume = resumeRef(runId, "run", store.file);
  if (status === "budget")
    return new BudgetError(
      say`run ${runId} stopped: ${partsOf(error)}. Continue it with ${resume} and a larger budget (e.g. ${option("budget.maxCalls")}, ${option("budget.maxTokens")}, ${option("budget.maxCostUsd")}).`,
      { cause: error },
    );
  if (status === "cancelled")
    return new CancelledError(say`run ${runId} cancelled; continue it with ${resume} (finished calls are not paid for again).`, { cause: error });
  return error;
}
