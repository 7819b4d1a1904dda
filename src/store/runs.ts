/** The `runs` table: starting, claiming, finding and ending runs. */
import { UsageError } from "../errors.js";
import { type Connection, now } from "./connection.js";
import { currentOwner, ownerAlive, STALE_MS } from "./owner.js";
import type { RunRow } from "./rows.js";
import type { RunStatus } from "./schema.js";
import { resumeRef, say } from "../message.js";

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
    this.db.sql(`UPDATE runs SET status = ?, error = ?, updated_at = ? WHERE id = ?`).run(status, error ?? null, now(), id);
  }

  touchRun(id: string): void {
    this.db.sql(`UPDATE runs SET updated_at = ? WHERE id = ?`).run(now(), id);
  }

  setRunResult(id: string, bestCandidateId: number | null, bestScore: number | null, evaluations: number): void {
    this.db
      .sql(`UPDATE runs SET best_candidate_id = ?, best_score = ?, evaluations = ?, updated_at = ? WHERE id = ?`)
      .run(bestCandidateId, bestScore, evaluations, now(), id);
  }

  getRun(idOrPrefix: string): RunRow {
    const exact = this.db.sql(`SELECT * FROM runs WHERE id = ?`).get(idOrPrefix) as RunRow | undefined;
    if (exact) return exact;
    const matches = this.db.sql(`SELECT * FROM runs WHERE id LIKE ? || '%' ESCAPE '\\' LIMIT 2`).all(idOrPrefix.replace(/[\\%_]/g, "\\$&")) as RunRow[];
    if (matches.length === 1 && matches[0]) return matches[0];
    if (matches.length > 1)
      throw new UsageError(`run id prefix "${idOrPrefix}" is ambiguous in ${this.db.file}; give more characters (\`ape runs\` lists them).`);
    throw new UsageError(`no run "${idOrPrefix}" in ${this.db.file}; \`ape runs\` lists the runs (use --db or APE_DB for another file).`);
  }

  listRuns(): RunRow[] {
    return this.db.sql(`SELECT * FROM runs ORDER BY created_at DESC, id`).all() as RunRow[];
  }

  resumeOrCreate(run: NewRun): RunRow | undefined {
    const open = this.db.transaction((): RunRow | undefined => {
      const rows = this.db
        .sql(`SELECT * FROM runs WHERE config_hash = ? AND status IN ('running', 'failed', 'cancelled', 'budget') ORDER BY created_at DESC`)
        .all(run.config_hash) as RunRow[];
      const live = rows.find((r) => r.status === "running" && ownerAlive(r.owner, r.updated_at));
      if (live) throw runBusy(live, true, this.db.file);
      const previous = rows[0];
      if (previous) this.take(previous.id);
      else this.createRun(run);
      return previous;
    });
    return open.immediate();
  }

  claimRun(id: string): void {
    const claim = this.db.transaction(() => {
      const run = this.db.sql(`SELECT id, status, owner, updated_at FROM runs WHERE id = ?`).get(id) as
        | Pick<RunRow, "id" | "status" | "owner" | "updated_at">
        | undefined;
      if (run?.status === "running" && ownerAlive(run.owner, run.updated_at)) throw runBusy(run, false, this.db.file);
      this.take(id);
    });
    claim.immediate();
  }

  /** Mark run `id` as running in this process (inside the caller's transaction). */
  private take(id: string): void {
    this.db.sql(`UPDATE runs SET status = 'running', error = NULL, owner = ?, updated_at = ? WHERE id = ?`).run(currentOwner(), now(), id);
  }
}

/** The error for a run another live process is running; `fresh`: say that `--fresh` starts a separate one. */
function runBusy(run: Pick<RunRow, "id" | "owner" | "updated_at">, fresh: boolean, file: string): UsageError {
  const pid = run.owner?.slice(run.owner.lastIndexOf(":") + 1) ?? "?";
  return new UsageError(
    say`run ${run.id} is being run right now by process ${run.owner ?? "?"} (last sign of life ${run.updated_at}); ape never runs one run twice at once. Wait for it to end, or stop it (Ctrl-C there, or \`kill -INT ${pid}\`) and continue it with ${resumeRef(run.id, "run", file)}.${fresh ? " `--fresh` starts a separate run instead, paying for its calls again." : ""} (A run whose process died is free at once; one whose process cannot be asked (another host, or its PID now another program's) ${STALE_MS / 60_000} minutes after its last sign of life.)`,
  );
}
