/**
 * The Store: the results database as one object, for the library's users and for code that opens
 * the file. It is a facade over one `Connection` (prepared statements, the write queue and its
 * commits: see connection.ts) and one module per table. Code inside ape depends on the narrow
 * interface it uses (`RunLog`, `CandidateLog`, `EvaluationLog`, `LineageLog`, `CallLog`, `TaskLog`, the readers, `SqlAccess`,
 * `Committer`), never on the whole Store.
 */
import { CallTable, type CallLog, type CallReader, type CallTiming, type NewCall } from "./calls.js";
import { CandidateTable, type AddedCandidate, type CandidateLog, type CandidateReader, type CandidateOutcomeUpdate, type NewCandidate } from "./candidates.js";
import { Connection, type Committer, type Discarder, type SqlAccess, type SqlReader } from "./connection.js";
import type { OpenOptions } from "./database.js";
import { EvaluationTable, type EvaluationLog, type EvaluationReader, type ScoredExample, type ScoreStats } from "./evaluations.js";
import { LineageTable, type LineageEntry, type LineageLog, type LineageReader, type ParentLink } from "./lineage.js";
import type { CallRow, CandidateRow, EvaluationRow, RunRow } from "./rows.js";
import { RunTable, type NewRun, type RunLog, type RunReader } from "./runs.js";
import type { RunStatus } from "./schema.js";
import { type StoredTaskRow, TaskTable, type TaskLog, type TaskReader } from "./tasks.js";
import type { Task } from "../task/types.js";

/** Everything the reports and inspection commands read (and nothing they could write with). */
export type StoreReader = RunReader & CandidateReader & EvaluationReader & LineageReader & CallReader & TaskReader & SqlReader;

/** The results database. */
export class Store implements RunLog, CandidateLog, EvaluationLog, LineageLog, CallLog, TaskLog, SqlAccess, Committer, Discarder {
  /** The file it was opened from. */
  readonly file: string;
  readonly #db: Connection;
  readonly #runs: RunTable;
  readonly #candidates: CandidateTable;
  readonly #evaluations: EvaluationTable;
  readonly #lineage: LineageTable;
  readonly #calls: CallTable;
  readonly #tasks: TaskTable;

  /**
   * Open (creating and migrating if needed) the database at `file`; with `readOnly`, open an
   * existing one only to read it. @throws UsageError for a file that is not ape's, StorageError
   * when the disk refuses.
   */
  constructor(file: string, options: OpenOptions = {}) {
    this.file = file;
    this.#db = new Connection(file, options);
    this.#runs = new RunTable(this.#db);
    this.#candidates = new CandidateTable(this.#db);
    this.#evaluations = new EvaluationTable(this.#db);
    this.#lineage = new LineageTable(this.#db);
    this.#calls = new CallTable(this.#db);
    this.#tasks = new TaskTable(this.#db);
  }

  // --- the connection (see connection.ts) -----------------------------------------------------

  /** Commit what is queued, then close the file (closed even when that commit fails). */
  close(): void {
    this.#db.close();
  }
  /** Run one write now (after whatever is queued) and return how many rows it changed. */
  execute(sql: string, ...params: readonly unknown[]): number {
    return this.#db.execute(sql, ...params);
  }
  /** See `SqlAccess.exclusive`. */
  exclusive<R>(fn: () => R): R {
    return this.#db.exclusive(fn);
  }
  /** Run a read-only SQL query (used by tests and `ape` inspection helpers). */
  query<T>(sql: string, ...params: readonly unknown[]): T[] {
    return this.#db.query<T>(sql, ...params);
  }
  /** Resolves once every write queued so far is committed (writes of one event-loop turn share a transaction). */
  commit(): Promise<void> {
    return this.#db.commit();
  }
  /** Commit every queued write now, in one transaction. */
  flush(): void {
    this.#db.flush();
  }
  /** See `Discarder.discard`. */
  discard(): void {
    this.#db.discard();
  }

  // --- runs (see runs.ts) ---------------------------------------------------------------------

  /** See `RunLog.createRun`. */
  createRun(run: NewRun): void {
    this.#runs.createRun(run);
  }
  /** See `RunLog.setRunStatus`. */
  setRunStatus(id: string, status: RunStatus, error?: string): void {
    this.#runs.setRunStatus(id, status, error);
  }
  /** See `RunLog.touchRun`. */
  touchRun(id: string): void {
    this.#runs.touchRun(id);
  }
  /** See `RunLog.setRunResult`. */
  setRunResult(id: string, bestCandidateId: number | null, bestScore: number | null, evaluations: number): void {
    this.#runs.setRunResult(id, bestCandidateId, bestScore, evaluations);
  }
  /** One run by id, or by a unique prefix of its id. */
  getRun(idOrPrefix: string): RunRow {
    return this.#runs.getRun(idOrPrefix);
  }
  /** All runs, newest first. */
  listRuns(): RunRow[] {
    return this.#runs.listRuns();
  }
  /** See `RunLog.resumeOrCreate`. */
  resumeOrCreate(run: NewRun): RunRow | undefined {
    return this.#runs.resumeOrCreate(run);
  }
  /** See `RunLog.claimRun`. */
  claimRun(id: string): void {
    this.#runs.claimRun(id);
  }

  // --- candidates (see candidates.ts) ---------------------------------------------------------

  /** See `CandidateLog.addCandidate`. */
  addCandidate(runId: string, c: NewCandidate): AddedCandidate {
    return this.#candidates.addCandidate(runId, c);
  }
  /** See `CandidateLog.addCandidates`. */
  addCandidates(runId: string, list: readonly NewCandidate[]): AddedCandidate[] {
    return this.#candidates.addCandidates(runId, list);
  }
  /** See `CandidateLog.updateCandidate`. */
  updateCandidate(id: number, u: CandidateOutcomeUpdate): void {
    this.#candidates.updateCandidate(id, u);
  }
  /** The candidates of a run: ranked ones first by rank, then by score. */
  candidates(runId: string): CandidateRow[] {
    return this.#candidates.candidates(runId);
  }
  /** One candidate by id. */
  getCandidate(id: number): CandidateRow | undefined {
    return this.#candidates.getCandidate(id);
  }

  // --- evaluations (see evaluations.ts) -------------------------------------------------------

  /** See `EvaluationLog.addEvaluation`. */
  addEvaluation(...args: Parameters<EvaluationLog["addEvaluation"]>): void {
    this.#evaluations.addEvaluation(...args);
  }
  /** See `EvaluationLog.addEvaluations`. */
  addEvaluations(runId: string, candidateId: number, split: string, rows: readonly ScoredExample[]): void {
    this.#evaluations.addEvaluations(runId, candidateId, split, rows);
  }
  /** The evaluations of a run (or of one candidate), oldest first. */
  evaluations(runId: string, candidateId?: number): EvaluationRow[] {
    return this.#evaluations.evaluations(runId, candidateId);
  }
  /** See `EvaluationReader.evaluationCount`. */
  evaluationCount(runId: string): number {
    return this.#evaluations.evaluationCount(runId);
  }
  /** See `EvaluationReader.scoreStats`. */
  scoreStats(runId: string, split: string): ScoreStats[] {
    return this.#evaluations.scoreStats(runId, split);
  }

  // --- lineage (see lineage.ts) --------------------------------------------------------------

  /** See `LineageLog.addLineage`. */
  addLineage(candidateId: number, parents: readonly ParentLink[]): void {
    this.#lineage.addLineage(candidateId, parents);
  }
  /** See `LineageReader.lineage`. */
  lineage(runId: string): LineageEntry[] {
    return this.#lineage.lineage(runId);
  }

  // --- calls (see calls.ts) -------------------------------------------------------------------

  /** See `CallLog.addCall`. */
  addCall(call: NewCall): void {
    this.#calls.addCall(call);
  }
  /** See `CallLog.addCalls`. */
  addCalls(calls: readonly NewCall[]): void {
    this.#calls.addCalls(calls);
  }
  /** See `CallLog.cachedResponse`. */
  cachedResponse(cacheKey: string, own?: { readonly runId: string; readonly upTo: number }, accept?: (response: string) => boolean): string | undefined {
    return this.#calls.cachedResponse(cacheKey, own, accept);
  }
  /** See `CallLog.lastCallId`. */
  lastCallId(): number {
    return this.#calls.lastCallId();
  }
  /** See `CallReader.callTimings`. */
  callTimings(runId: string): CallTiming[] {
    return this.#calls.callTimings(runId);
  }
  /** See `CallReader.calls`. */
  calls(runId: string): CallRow[] {
    return this.#calls.calls(runId);
  }

  // --- tasks (see tasks.ts) -------------------------------------------------------------------

  /** See `TaskLog.recordTask`. */
  recordTask(runId: string, hash: string, task: Task): void {
    this.#tasks.recordTask(runId, hash, task);
  }
  /** See `TaskReader.runTask`. */
  runTask(runId: string): StoredTaskRow | undefined {
    return this.#tasks.runTask(runId);
  }
}
