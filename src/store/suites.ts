/**
 * The `suites` table: a suite is many tasks searched as one resumable run (`ape suite`); each
 * task's run points to it by `runs.suite_id`. Claimed and resumed the way runs are (src/store/owner.ts).
 */
import { UsageError } from "../errors.js";
import { currentOwner, ownerAlive, STALE_MS } from "./owner.js";
import type { RunRow, SuiteRow } from "./rows.js";
import type { RunStatus } from "./schema.js";
import { now, type SqlAccess, type SqlReader } from "./connection.js";
import { resumeRef, say } from "../message.js";

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

/** One suite by id or unique id prefix; undefined when none matches. */
export function findSuite(store: SqlReader, idOrPrefix: string): SuiteRow | undefined {
  const exact = store.query<SuiteRow>(`SELECT * FROM suites WHERE id = ?`, idOrPrefix)[0];
  if (exact) return exact;
  const matches = store.query<SuiteRow>(`SELECT * FROM suites WHERE id LIKE ? || '%' ESCAPE '\\' LIMIT 2`, idOrPrefix.replace(/[\\%_]/g, "\\$&"));
  if (matches.length > 1) throw new UsageError(`suite id prefix "${idOrPrefix}" is ambiguous in ${store.file}; give more characters.`);
  return matches[0];
}

/** One suite by id or unique prefix; UsageError naming the file when there is none. */
export function getSuite(store: SqlReader, idOrPrefix: string): SuiteRow {
  const suite = findSuite(store, idOrPrefix);
  if (!suite) throw new UsageError(`no suite "${idOrPrefix}" in ${store.file}; \`ape runs\` lists the runs and suites (use --db or APE_DB for another file).`);
  return suite;
}

/**
 * The newest unfinished suite with these settings. @throws UsageError when one is being run by
 * another live process: the same suite is never run twice at once.
 */
export function findResumableSuite(store: SqlReader, configHash: string): SuiteRow | undefined {
  const rows = store.query<SuiteRow>(`SELECT * FROM suites WHERE config_hash = ? AND status != 'done' ORDER BY created_at DESC`, configHash);
  const live = rows.find((s) => s.status === "running" && ownerAlive(s.owner, s.updated_at));
  if (live) throw suiteBusy(live, store.file);
  return rows[0];
}

function suiteBusy(suite: SuiteRow, file: string): UsageError {
  return new UsageError(
    say`suite ${suite.id} is being run right now by process ${suite.owner ?? "?"}; wait for it to end, or stop it first (Ctrl-C), then continue it with ${resumeRef(suite.id, "suite", file)}. (A suite whose process died is free at once; one whose process cannot be asked (another host, or its PID now another program's) ${STALE_MS / 60_000} minutes after its last sign of life.)`,
  );
}

/**
 * Mark a suite as running in this process. Compare-and-set on the row as read, so two processes
 * cannot both take it. @throws UsageError when another live process is running it.
 */
export function claimSuite(store: SqlAccess, id: string): void {
  const suite = getSuite(store, id);
  const busy = (): UsageError => suiteBusy(suite, store.file);
  if (suite.status === "running" && ownerAlive(suite.owner, suite.updated_at)) throw busy();
  const changed = store.execute(
    `UPDATE suites SET status = 'running', error = NULL, owner = ?, updated_at = ? WHERE id = ? AND updated_at = ? AND owner IS ?`,
    currentOwner(),
    now(),
    suite.id,
    suite.updated_at,
    suite.owner,
  );
  if (changed !== 1) throw busy();
}

/** Set a suite's status (and the error that ended it, if any). */
export function setSuiteStatus(store: SqlAccess, id: string, status: RunStatus, error?: string): void {
  store.execute(`UPDATE suites SET status = ?, error = ?, updated_at = ? WHERE id = ?`, status, error ?? null, now(), id);
}

/** Mark a suite as still being run (see `HEARTBEAT_MS`). */
export function touchSuite(store: SqlAccess, id: string): void {
  store.execute(`UPDATE suites SET updated_at = ? WHERE id = ?`, now(), id);
}

/** The runs of a suite, oldest first. */
export function suiteRuns(store: SqlReader, suiteId: string): RunRow[] {
  return store.query<RunRow>(`SELECT * FROM runs WHERE suite_id = ? ORDER BY created_at, id`, suiteId);
}
