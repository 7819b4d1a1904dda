/**
 * The life of a run in the store, around the flow: finding the run to continue (or starting one),
 * claiming it so no other process runs it at once, marking it alive while it runs, stopping it
 * (nothing new sent, the requests in flight given a grace to be recorded), and recording how it
 * ended, with the error a caller gets for each ending (a disk that refused, included).
 */
import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import { BudgetError, CancelledError, partsOf, StorageError, UsageError } from "../errors.js";
import { option, resumeRef, say } from "../message.js";
import type { SearchOptions } from "../options/search-options.js";
import type { Discarder } from "../store/connection.js";
import { HEARTBEAT_MS } from "../store/owner.js";
import type { RunRow } from "../store/rows.js";
import type { NewRun, RunLog } from "../store/runs.js";
import type { RunStatus } from "../store/schema.js";
import { asStorageError } from "../store/storage-fault.js";

/** The run a search works on: a finished one to report, or one claimed by this process. */
export type OpenedRun = { readonly done: RunRow } | { readonly done?: undefined; readonly runId: string; readonly previous: RunRow | undefined };

/**
 * The run to work on: the one named by `options.runId`, else the newest unfinished one with these
 * settings (unless `resume: false`), else a new one made from `fresh`. A run another live process
 * is running is never run a second time: that is an error, whether named or found.
 */
export function openRun(store: RunLog, options: Pick<SearchOptions, "runId" | "resume">, fresh: Omit<NewRun, "id">): OpenedRun {
  try {
    const newRun = { ...fresh, id: randomUUID().slice(0, 8) };
    if (options.runId === undefined) {
      if (options.resume === false) {
        store.createRun(newRun);
        return { runId: newRun.id, previous: undefined };
      }
      const previous = store.resumeOrCreate(newRun);
      return { runId: previous?.id ?? newRun.id, previous };
    }
    const named = store.getRun(options.runId);
    if (named.config_hash !== fresh.config_hash) {
      throw new UsageError(
        `run ${named.id} was started with other settings or another version of its task file (${named.task_file}); it cannot be continued with these. Restore the task file, or start a new search.`,
      );
    }
    if (named.status === "done") return { done: named };
    store.claimRun(named.id);
    return { runId: named.id, previous: named };
  } catch (error) {
    throw asStorageError(error, store.file, "write the results database", "No run was started or continued.");
  }
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

/** How long a stopped run waits for the requests already sent to be answered and recorded before it drops them. */
const STOP_GRACE_MS = 5_000;

/** The signals of one run, derived from the caller's. */
export interface RunSignals {
  /** Aborted with the caller's: send nothing more. */
  readonly stop: AbortSignal;
  /**
   * What the run's requests carry (one signal for many requests, each adding a listener): aborted
   * STOP_GRACE_MS after `stop`, so a request the server is already answering (and billing) is
   * recorded rather than dropped, and a server that never answers does not hold the stop up.
   */
  readonly signal: AbortSignal;
  /** Unhook from the caller's signal (and forget the grace timer). */
  readonly release: () => void;
}

/** The run's signals (see RunSignals). */
export function runSignal(caller: AbortSignal | undefined): RunSignals {
  const stop = new AbortController();
  const requests = new AbortController();
  setMaxListeners(0, requests.signal);
  let timer: NodeJS.Timeout | undefined;
  const onAbort = (): void => {
    stop.abort(caller?.reason);
    timer = setTimeout(() => requests.abort(caller?.reason), STOP_GRACE_MS).unref();
  };
  if (caller?.aborted) onAbort();
  else caller?.addEventListener("abort", onAbort, { once: true });
  return {
    stop: stop.signal,
    signal: requests.signal,
    release: () => {
      caller?.removeEventListener("abort", onAbort);
      clearTimeout(timer);
    },
  };
}

/** Call `fn` once `signal` is aborted (at once if it is already). */
export function onAbort(signal: AbortSignal, fn: () => void): void {
  if (signal.aborted) fn();
  else signal.addEventListener("abort", fn, { once: true });
}

/**
 * Record how a run that failed with `error` ended (`budget`, `cancelled` or `failed`; `stop` is
 * the run's stop signal) and return the error to throw: for a budget or a cancel, one that says
 * how to continue the run; for a disk that refused a write, a StorageError saying whether the run
 * could still be marked failed.
 */
export function endRun(store: RunLog & Discarder, runId: string, error: unknown, stop: AbortSignal): unknown {
  const resume = resumeRef(runId, "run", store.file);
  const fault = asStorageError(error, store.file, "write the results database");
  if (fault instanceof StorageError) {
    // What the disk refused cannot be written now: drop it (those calls are sent again by a
    // resume), so that how the run ended still can be, if the disk takes that much.
    store.discard();
    const refused = mark(store, runId, "failed", fault.message);
    const then = refused
      ? say`Run ${runId} could not be marked failed either, so it stays \`running\`; once the disk is fixed, ${resume} continues it.`
      : say`Run ${runId} is marked failed; once the disk is fixed, ${resume} continues it (calls whose answers could not be stored are sent again).`;
    return new StorageError(say`${partsOf(fault)} ${then}`, fault.file, fault.code, { cause: fault.cause });
  }
  const cancelled = stop.aborted && !(error instanceof BudgetError);
  const status = error instanceof BudgetError ? "budget" : cancelled || error instanceof CancelledError ? "cancelled" : "failed";
  const message = error instanceof Error ? error.message : String(error);
  const refused = mark(store, runId, status, message);
  if (refused) {
    return new StorageError(
      say`${refused.message} Run ${runId} ended (${status}: ${message}) but could not be marked so; it stays \`running\` until ${resume} continues it.`,
      refused.file,
      refused.code,
      { cause: refused },
    );
  }
  if (status === "budget")
    return new BudgetError(
      say`run ${runId} stopped: ${partsOf(error)}. Continue it with ${resume} and a larger budget (e.g. ${option("budget.maxCalls")}, ${option("budget.maxTokens")}, ${option("budget.maxCostUsd")}).`,
      { cause: error },
    );
  if (status === "cancelled")
    return new CancelledError(say`run ${runId} cancelled; continue it with ${resume} (finished calls are not paid for again).`, { cause: error });
  return error;
}

/** Set the run's status; the StorageError when the disk refuses. */
function mark(store: RunLog, runId: string, status: RunStatus, message: string): StorageError | undefined {
  try {
    store.setRunStatus(runId, status, message);
    return undefined;
  } catch (error) {
    const fault = asStorageError(error, store.file, "write the results database");
    if (fault instanceof StorageError) return fault;
    throw error;
  }
}
