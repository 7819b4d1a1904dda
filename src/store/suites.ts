/**
 * The `suites` table: a suite is many tasks searched as one resumable run (`ape suite`); each
 * task's run points to it by `runs.suite_id`. Claimed, resumed and looked up as runs are (jobs.ts).
 */
import { now, type SqlAccess, type SqlReader } from "./connection.js";
import { claimJob, claimNewestOrCreate, findJob, getJob, setJobStatus, touchJob } from "./jobs.js";
import { currentOwner } from "./owner.js";
import type { RunRow, SuiteRow } from "./rows.js";
import type { RunStatus } from "./schema.js";

/** Fields given when a suite starts. */
export type NewSuite = Pick<SuiteRow, "id" | "tasks" | "config" | "config_hash">;

/** Record the start of a suite, owned by this process. */
export function createSuite(store: SqlAccess, suite: NewSuite): void {
  const t = now();
  store.execute(
    `INSERT INTO suites (id, created_at, updated_at, tasks, config, config_hash, status, owner) VALUES (?, ?, ?, ?, ?, ?, 'running', ?)`,
    suite.id,
    t,
    t,
    suite.tasks,
    suite.config,
    suite.config_hash,
    currentOwner(),
  );
}

/** Every suite, newest first. */
export function listSuites(store: SqlReader): SuiteRow[] {
  return store.query<SuiteRow>(`SELECT * FROM suites ORDER BY created_at DESC, id`);
}

/** One suite by id or unique id prefix; undefined when none matches. @throws UsageError when several do. */
export function findSuite(store: SqlReader, idOrPrefix: string): SuiteRow | undefined {
  return findJob(store, "suite", idOrPrefix);
}

/** One suite by id or unique prefix; UsageError naming the file when there is none. */
export function getSuite(store: SqlReader, idOrPrefix: string): SuiteRow {
  return getJob(store, "suite", idOrPrefix);
}

/**
 * In one write transaction: claim the newest unfinished suite with `suite.config_hash` and return
 * it, or, when there is none, record `suite` as started by this process and return undefined.
 * @throws UsageError when one is being run by another live process: a suite never runs twice at once.
 */
export function resumeOrCreateSuite(store: SqlAccess, suite: NewSuite): SuiteRow | undefined {
  return claimNewestOrCreate(store, "suite", suite.config_hash, () => createSuite(store, suite));
}

/** Mark a suite as running in this process, in one write transaction. @throws UsageError when another live process is running it. */
export function claimSuite(store: SqlAccess, id: string): void {
  claimJob(store, "suite", id);
}

/** Set a suite's status (and the error that ended it, if any). */
export function setSuiteStatus(store: SqlAccess, id: string, status: RunStatus, error?: string): void {
  setJobStatus(store, "suite", id, status, error);
}

/** Mark a suite as still being run (see `HEARTBEAT_MS`). */
export function touchSuite(store: SqlAccess, id: string): void {
  touchJob(store, "suite", id);
}

/** The runs of a suite, oldest first. */
export function suiteRuns(store: SqlReader, suiteId: string): RunRow[] {
  return store.query<RunRow>(`SELECT * FROM runs WHERE suite_id = ? ORDER BY created_at, id`, suiteId);
}
