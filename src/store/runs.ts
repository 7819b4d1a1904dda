/** The `runs` table: starting, claiming, finding and ending runs (claimed and looked up as every stored job is: jobs.ts). */
import { type Connection, now } from "./connection.js";
import { claimJob, claimNewestOrCreate, getJob, setJobStatus, touchJob } from "./jobs.js";
import { currentOwner } from "./owner.js";
import type { RunRow } from "./rows.js";
import type { RunStatus } from "./schema.js";

/** Fields given when a run starts. */
export type NewRun = Pick<RunRow, "id" | "task" | "task_file" | "proposer" | "target" | "scorer" | "selector" | "seed" | "config" | "config_hash"> & {
  readonly suite_id?: string | undefined;
};

/** Reading runs: what the inspection commands and reports need. */
export interface RunReader {
  /** The file the runs are stored in (for messages). */
  readonly file: string;
  /** One run by id, or by a unique prefix of its id. @throws UsageError naming the file when none or several match. */
  getRun(idOrPrefix: string): RunRow;
  /** All runs, newest first. */
  listRuns(): RunRow[];
}

/** The life of a run in the store, as a search drives it. */
export interface RunLog extends RunReader {
  /** Record the start of a run, owned by this process. */
  createRun(run: NewRun): void;
  /** Set a run's status (and the error that ended it, if any). */
  setRunStatus(id: string, status: RunStatus, error?: string): void;
  /** Mark a run as still being run (see `HEARTBEAT_MS` in owner.ts). */
  touchRun(id: string): void;
  /** Record the winner and the number of evaluations done. */
  setRunResult(id: string, bestCandidateId: number | null, bestScore: number | null, evaluations: number): void;
  /**
   * In one write transaction, so that two processes never both start or both continue: claim the
   * newest unfinished run with `run.config_hash` and return it (the run to continue), or, when
   * there is none, record `run` as started by this process and return undefined.
   * @throws UsageError naming the run and its process when one with these settings is being run
   * by another live process (a second copy of the same command would pay for every call again).
   */
  resumeOrCreate(run: NewRun): RunRow | undefined;
  /**
   * Mark a run as running in this process. Atomic, so two processes cannot both take the same run.
   * @throws UsageError when another live process is running it.
   */
  claimRun(id: string): void;
}

/** `RunLog` over one connection. */
export class RunTable implements RunLog {
  /** Reads and writes through `db`. */
  constructor(private readonly db: Connection) {}

  get file(): string {
    return this.db.file;
  }

  createRun(run: NewRun): void {
    const t = now();
    this.db
      .sql(
        `INSERT INTO runs (id, created_at, updated_at, task, task_file, proposer, target, scorer, selector, seed, config, config_hash, status, owner, suite_id)
         VALUES (@id, @t, @t, @task, @task_file, @proposer, @target, @scorer, @selector, @seed, @config, @config_hash, 'running', @owner, @suite_id)`,
      )
      .run({ ...run, suite_id: run.suite_id ?? null, t, owner: currentOwner() });
  }

  setRunStatus(id: string, status: RunStatus, error?: string): void {
    setJobStatus(this.db, "run", id, status, error);
  }

  touchRun(id: string): void {
    touchJob(this.db, "run", id);
  }

  setRunResult(id: string, bestCandidateId: number | null, bestScore: number | null, evaluations: number): void {
    this.db
      .sql(`UPDATE runs SET best_candidate_id = ?, best_score = ?, evaluations = ?, updated_at = ? WHERE id = ?`)
      .run(bestCandidateId, bestScore, evaluations, now(), id);
  }

  getRun(idOrPrefix: string): RunRow {
    return getJob(this.db, "run", idOrPrefix);
  }

  listRuns(): RunRow[] {
    return this.db.sql<RunRow>(`SELECT * FROM runs ORDER BY created_at DESC, id`).all();
  }

  resumeOrCreate(run: NewRun): RunRow | undefined {
    return claimNewestOrCreate(this.db, "run", run.config_hash, () => this.createRun(run));
  }

  claimRun(id: string): void {
    claimJob(this.db, "run", id);
  }
}
