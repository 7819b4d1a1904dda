/**
 * The life of a stored job (a run, or a suite of runs) around the work it does: finding the job to
 * continue (or starting one), claiming it so no other process runs it at once, marking it alive
 * while it runs, and recording how it ended, with the error a caller gets for each ending (a disk
 * that refused, included). Runs (search/run-lifecycle.ts) and suites (suite/suite-job.ts) each
 * give an adapter, `Jobs`; stopping one is signals.ts.
 */
import { randomUUID } from "node:crypto";
import { messageOf } from "../caught.js";
import { BudgetError, CancelledError, partsOf, StorageError, type UsageError } from "../errors.js";
import { type Message, option, type ResumeRef, resumeRef, say } from "../message.js";
import type { JobKind } from "../store/jobs.js";
import { HEARTBEAT_MS } from "../store/owner.js";
import type { RunStatus } from "../store/schema.js";
import { asStorageError } from "../store/storage-fault.js";

/** What the lifecycle reads of a job's row. */
export interface JobRow {
  readonly id: string;
  readonly status: RunStatus;
  readonly config_hash: string;
}

/** What a new job is made of (all but its id, which the lifecycle gives). */
export interface FreshJob {
  readonly config_hash: string;
}

/** One kind of stored job as the lifecycle drives it: its rows in the store (see store/jobs.ts). */
export interface Jobs<Row extends JobRow, Fresh extends FreshJob> {
  /** What messages call it. */
  readonly kind: JobKind;
  /** The database file (for messages). */
  readonly file: string;
  /** The job by id or unique prefix. @throws UsageError when none or several match. */
  get(idOrPrefix: string): Row;
  /** Record a new job `id`, running in this process. */
  create(id: string, fresh: Fresh): void;
  /** Claim the newest unfinished job with `fresh`'s settings, else create `id`; see `claimNewestOrCreate` in store/jobs.ts. */
  claimNewestOrCreate(id: string, fresh: Fresh): Row | undefined;
  /** Mark the job as running in this process. @throws UsageError when another live process runs it. */
  claim(id: string): void;
  /** Mark the job alive. */
  touch(id: string): void;
  /** Record how the job ended. */
  setStatus(id: string, status: RunStatus, error?: string): void;
  /** Forget the writes the disk refused (see `Discarder`). */
  discard(): void;
  /** The error for a job named to be continued whose settings differ from these. */
  mismatch(job: Row): UsageError;
}

/** The job to work on: a finished one to report, or one claimed by this process (`previous`: as it was, when continued). */
export type OpenedJob<Row> = { readonly done: Row } | { readonly done?: undefined; readonly id: string; readonly previous: Row | undefined };

/** Which job to open: `id` names one to continue; `resume: false` starts a new one whatever is unfinished. */
export interface JobChoice {
  readonly id?: string | undefined;
  readonly resume?: boolean | undefined;
}

/**
 * The job to work on: the one named by `choice.id`, else the newest unfinished one with these
 * settings (unless `resume: false`), else a new one made from `fresh`. A job another live process
 * is running is never run a second time: that is an error, whether named or found.
 */
export function openJob<Row extends JobRow, Fresh extends FreshJob>(jobs: Jobs<Row, Fresh>, choice: JobChoice, fresh: Fresh): OpenedJob<Row> {
  try {
    if (choice.id === undefined) {
      const id = randomUUID().slice(0, 8);
      if (choice.resume === false) {
        jobs.create(id, fresh);
        return { id, previous: undefined };
      }
      const previous = jobs.claimNewestOrCreate(id, fresh);
      return { id: previous?.id ?? id, previous };
    }
    const named = jobs.get(choice.id);
    if (named.config_hash !== fresh.config_hash) throw jobs.mismatch(named);
    if (named.status === "done") return { done: named };
    jobs.claim(named.id);
    return { id: named.id, previous: named };
  } catch (error) {
    throw asStorageError(error, jobs.file, "write the results database", `No ${jobs.kind} was started or continued.`);
  }
}

/**
 * Mark job `id` alive every `HEARTBEAT_MS` (so other processes, even on other hosts, leave it
 * alone while a long call runs); returns the function that stops it.
 */
export function heartbeat(jobs: Pick<Jobs<JobRow, FreshJob>, "touch">, id: string): () => void {
  const timer = setInterval(() => {
    try {
      jobs.touch(id);
    } catch {
      // A busy or failing disk: the next beat tries again, and the job's own writes report it.
    }
  }, HEARTBEAT_MS).unref();
  return () => clearInterval(timer);
}

/** How a job that did not finish ended: `budget`, `cancelled` (`stop`: the job's stop signal) or `failed`. */
export function endStatus(error: unknown, stop: AbortSignal): Exclude<RunStatus, "running" | "done"> {
  if (error instanceof BudgetError) return "budget";
  return stop.aborted || error instanceof CancelledError ? "cancelled" : "failed";
}

/** How the end of a job is told, where a run's and a suite's differ. */
export interface EndingWords {
  /** What stopped it, after "stopped:" when its budget did. */
  readonly cause: Message;
  /** What continuing it keeps, after the advice of a budget stop ("" for nothing to add). */
  readonly keptAfterBudget: string;
  /** What continuing it keeps, in brackets after the advice of a cancel. */
  readonly keptAfterCancel: string;
  /** The error of a job that failed (neither its budget nor a cancel), given how to continue it. */
  failed(resume: ResumeRef): unknown;
}

/**
 * Record how job `id`, stopped by `error`, ended (see `endStatus`) and return the error to throw:
 * for a budget or a cancel, one that says how to continue the job; for a disk that refused a
 * write, a StorageError saying whether the job could still be marked failed.
 */
export function endJob(jobs: Jobs<JobRow, FreshJob>, id: string, error: unknown, stop: AbortSignal, words: EndingWords): unknown {
  const resume = resumeRef(id, jobs.kind, jobs.file);
  const named = jobs.kind.charAt(0).toUpperCase() + jobs.kind.slice(1);
  const fault = asStorageError(error, jobs.file, "write the results database");
  if (fault instanceof StorageError) {
    // What the disk refused cannot be written now: drop it (those calls are sent again by a
    // resume), so that how the job ended still can be, if the disk takes that much.
    jobs.discard();
    const refused = mark(jobs, id, "failed", fault.message);
    const then = refused
      ? say`${named} ${id} could not be marked failed either, so it stays \`running\`; once the disk is fixed, ${resume} continues it.`
      : say`${named} ${id} is marked failed; once the disk is fixed, ${resume} continues it (calls whose answers could not be stored are sent again).`;
    return new StorageError(say`${partsOf(fault)} ${then}`, fault.file, fault.code, { cause: fault.cause });
  }
  const status = endStatus(error, stop);
  const message = messageOf(error);
  const refused = mark(jobs, id, status, message);
  if (refused) {
    return new StorageError(
      say`${refused.message} ${named} ${id} ended (${status}: ${message}) but could not be marked so; it stays \`running\` until ${resume} continues it.`,
      refused.file,
      refused.code,
      { cause: refused },
    );
  }
  if (status === "budget")
    return new BudgetError(
      say`${jobs.kind} ${id} stopped: ${words.cause}. Continue it with ${resume} and a larger budget (e.g. ${option("budget.maxCalls")}, ${option("budget.maxTokens")}, ${option("budget.maxCostUsd")})${words.keptAfterBudget}.`,
      { cause: error },
    );
  if (status === "cancelled")
    return new CancelledError(say`${jobs.kind} ${id} cancelled; continue it with ${resume} (${words.keptAfterCancel}).`, { cause: error });
  return words.failed(resume);
}

/** Set the job's status; the StorageError when the disk refuses. */
function mark(jobs: Jobs<JobRow, FreshJob>, id: string, status: RunStatus, message: string): StorageError | undefined {
  try {
    jobs.setStatus(id, status, message);
    return undefined;
  } catch (error) {
    const fault = asStorageError(error, jobs.file, "write the results database");
    if (fault instanceof StorageError) return fault;
    throw error;
  }
}
