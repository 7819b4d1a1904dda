/**
 * What runs and suites share in the store, as stored jobs: finding one by its id or a unique
 * prefix of it, and claiming one for this process (its `owner`, see owner.ts) in one write
 * transaction, so that two processes never both run it: a live owner is refused, a dead or silent
 * one taken over.
 */
import { UsageError } from "../errors.js";
import { resumeRef, say } from "../message.js";
import { now, type SqlAccess, type SqlReader } from "./connection.js";
import { currentOwner, ownerAlive, STALE_MS } from "./owner.js";
import type { RunRow, SuiteRow } from "./rows.js";
import type { RunStatus } from "./schema.js";

/** The row of each kind of stored job. */
export interface JobRows {
  readonly run: RunRow;
  readonly suite: SuiteRow;
}

/** A kind of stored job: a `run` (one search) or a `suite` (many tasks' runs). */
export type JobKind = keyof JobRows;

/** The columns a claim reads. */
type Claimed = Pick<RunRow, "id" | "status" | "owner" | "updated_at">;

/** The table of each kind (a closed set: only these names are put into SQL). */
const TABLE: Readonly<Record<JobKind, string>> = { run: "runs", suite: "suites" };

/** What `ape runs` lists of each kind, for the message naming a job that is not there. */
const LISTED: Readonly<Record<JobKind, string>> = { run: "the runs", suite: "the runs and suites" };

/** The job of `kind` with id `idOrPrefix`, or the only one whose id starts so; undefined when none. @throws UsageError when several do. */
export function findJob<K extends JobKind>(db: SqlReader, kind: K, idOrPrefix: string): JobRows[K] | undefined {
  const exact = db.query<JobRows[K]>(`SELECT * FROM ${TABLE[kind]} WHERE id = ?`, idOrPrefix)[0];
  if (exact) return exact;
  const matches = db.query<JobRows[K]>(`SELECT * FROM ${TABLE[kind]} WHERE id LIKE ? || '%' ESCAPE '\\' LIMIT 2`, idOrPrefix.replace(/[\\%_]/g, "\\$&"));
  if (matches.length > 1) throw new UsageError(`${kind} id prefix "${idOrPrefix}" is ambiguous in ${db.file}; give more characters (\`ape runs\` lists them).`);
  return matches[0];
}

/** `findJob`, for a job that must be there. @throws UsageError naming the file when none or several match. */
export function getJob<K extends JobKind>(db: SqlReader, kind: K, idOrPrefix: string): JobRows[K] {
  const job = findJob(db, kind, idOrPrefix);
  if (!job) throw new UsageError(`no ${kind} "${idOrPrefix}" in ${db.file}; \`ape runs\` lists ${LISTED[kind]} (use --db or APE_DB for another file).`);
  return job;
}

/**
 * Mark job `id` as running in this process, in one write transaction, so that two processes
 * cannot both take it. @throws UsageError (see `jobBusy`) when another live process is running it.
 */
export function claimJob(db: SqlAccess, kind: JobKind, id: string): void {
  db.exclusive(() => {
    const job = db.query<Claimed>(`SELECT id, status, owner, updated_at FROM ${TABLE[kind]} WHERE id = ?`, id)[0];
    if (job && runningElsewhere(job)) throw jobBusy(kind, job, false, db.file);
    take(db, kind, id);
  });
}

/**
 * In one write transaction, so that two processes never both start or both continue: claim the
 * newest unfinished job of `kind` with `configHash` and return it (the job to continue), or, when
 * there is none, `create` one (owned by this process) and return undefined.
 * @throws UsageError naming the job and its process when one with these settings is being run by
 * another live process (a second copy of the same command would pay for every call again).
 */
export function claimNewestOrCreate<K extends JobKind>(db: SqlAccess, kind: K, configHash: string, create: () => void): JobRows[K] | undefined {
  return db.exclusive(() => {
    const rows = db.query<JobRows[K]>(`SELECT * FROM ${TABLE[kind]} WHERE config_hash = ? AND status != 'done' ORDER BY created_at DESC`, configHash);
    const live = rows.find(runningElsewhere);
    if (live) throw jobBusy(kind, live, true, db.file);
    const newest = rows[0];
    if (newest) take(db, kind, newest.id);
    else create();
    return newest;
  });
}

/** Mark a job as still being run (see `HEARTBEAT_MS` in owner.ts). */
export function touchJob(db: SqlAccess, kind: JobKind, id: string): void {
  db.execute(`UPDATE ${TABLE[kind]} SET updated_at = ? WHERE id = ?`, now(), id);
}

/** Set a job's status (and the error that ended it, if any). */
export function setJobStatus(db: SqlAccess, kind: JobKind, id: string, status: RunStatus, error?: string): void {
  db.execute(`UPDATE ${TABLE[kind]} SET status = ?, error = ?, updated_at = ? WHERE id = ?`, status, error ?? null, now(), id);
}

/** Whether another live process is running the job. */
function runningElsewhere(job: Claimed): boolean {
  return job.status === "running" && ownerAlive(job.owner, job.updated_at);
}

/** Mark job `id` as running in this process (inside the caller's transaction). */
function take(db: SqlAccess, kind: JobKind, id: string): void {
  db.execute(`UPDATE ${TABLE[kind]} SET status = 'running', error = NULL, owner = ?, updated_at = ? WHERE id = ?`, currentOwner(), now(), id);
}

/** The error for a job another live process is running; `fresh`: say that `--fresh` starts a separate one. */
function jobBusy(kind: JobKind, job: Claimed, fresh: boolean, file: string): UsageError {
  const pid = job.owner?.slice(job.owner.lastIndexOf(":") + 1) ?? "?";
  return new UsageError(
    say`${kind} ${job.id} is being run right now by process ${job.owner ?? "?"} (last sign of life ${job.updated_at}); ape never runs one ${kind} twice at once. Wait for it to end, or stop it (Ctrl-C there, or \`kill -INT ${pid}\`) and continue it with ${resumeRef(job.id, kind, file)}.${fresh ? ` \`--fresh\` starts a separate ${kind} instead, paying for its calls again.` : ""} (A ${kind} whose process died is free at once; one whose process cannot be asked (another host, or its PID now another program's) ${STALE_MS / 60_000} minutes after its last sign of life.)`,
  );
}
