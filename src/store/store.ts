/**
 * The Store: every write a search makes and every read the inspection commands need. Calls,
 * evaluations and candidate updates, the many small writes, are queued and committed together
 * once per turn of the event loop (a call before its answer is used, so a crash loses at most the
 * calls in flight); every other write is committed at once, after whatever is queued.
 */
import { UsageError } from "../errors.js";
import { openDatabase, type SqliteDatabase } from "./database.js";
import type { Statement, Transaction } from "better-sqlite3";
import { currentOwner, ownerAlive, STALE_MS } from "./owner.js";
import type { CallRow, CandidateRow, EvaluationRow, RunRow } from "./rows.js";
import type { Origin, RunStatus } from "./schema.js";

/** Fields given when a run starts. */
export type NewRun = Pick<
  RunRow,
  "id" | "task" | "task_file" | "proposer" | "target" | "scorer" | "selector" | "seed" | "config" | "config_hash"
> & { readonly suite_id?: string | undefined };

/** Fields given when a candidate is proposed. */
export interface NewCandidate {
  readonly text: string;
  readonly origin: Origin;
  readonly fillPath?: string | undefined;
  readonly parentId?: number | undefined;
  readonly round?: number | undefined;
  readonly demoIds?: readonly string[] | undefined;
  readonly proposerPrompt?: string | undefined;
}

/** What selection and finalizing concluded about a candidate. */
export interface CandidateOutcomeUpdate {
  readonly score?: number | null;
  readonly evalCount?: number;
  readonly testScore?: number | null;
  readonly testCount?: number;
  readonly rank?: number | null;
  readonly droppedAt?: number | null;
  readonly history?: unknown;
}

/** A call to record; the totals of its run are updated in the same transaction. */
export type NewCall = Omit<CallRow, "id" | "created_at">;

/** Per-candidate summary of the scores on one split, for confidence intervals. */
export interface ScoreStats {
  readonly candidate_id: number;
  /** Examples scored. */
  readonly n: number;
  readonly mean: number;
  /** Sum of squared scores (with `n` and `mean` gives the sample standard deviation). */
  readonly sumsq: number;
  /** 1 when every score is 0 or 1 (a proportion: the Wilson interval applies), else 0. */
  readonly binary: number;
}

/** The accounting columns of one call, without its request and response text. */
export type CallTiming = Pick<CallRow, "id" | "role" | "kind" | "cached" | "prompt_tokens" | "completion_tokens" | "cost_usd" | "latency_ms" | "created_at"> & {
  /** 1 when the call failed. */
  readonly failed: number;
};

/** Counters added to a run's totals. */
export interface RunTotals {
  readonly calls: number;
  readonly cachedCalls: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly costUsd: number;
}

const now = (): string => new Date().toISOString();

/** The results database. */
export class Store {
  /** The file it was opened from. */
  readonly file: string;
  private readonly db: SqliteDatabase;
  /** Prepared statements by SQL text: better-sqlite3's `prepare` costs more than the write itself. */
  private readonly statements = new Map<string, Statement>();
  /** Writes waiting for the next commit, in the order made. */
  private queued: (() => void)[] = [];
  private flushing = false;
  private committing: Promise<void> | undefined;
  private writeQueued: Transaction<(writes: readonly (() => void)[]) => void> | undefined;
  private addMany: Transaction<(runId: string, list: readonly NewCandidate[]) => { readonly id: number; readonly created: boolean }[]> | undefined;

  /** Open (creating and migrating if needed) the database at `file`. */
  constructor(file: string) {
    this.file = file;
    this.db = openDatabase(file);
  }

  private sql(text: string): Statement {
    // Whatever is read or written next sees every queued write first, in order.
    if (!this.flushing) this.flush();
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /** Commit what is queued, then close the file (closed even when that commit fails). */
  close(): void {
    if (!this.db.open) return;
    try {
      this.flush();
    } finally {
      this.db.close();
    }
  }

  /** Run one write now (after whatever is queued) and return how many rows it changed. */
  execute(sql: string, ...params: readonly unknown[]): number {
    return this.sql(sql).run(...params).changes;
  }

  /** Run a read-only SQL query (used by tests and `ape` inspection helpers). */
  query<T>(sql: string, ...params: readonly unknown[]): T[] {
    this.flush();
    return this.db.prepare(sql).all(...params) as T[];
  }

  /**
   * Resolves once every write queued so far (calls, evaluations, candidate updates) is committed. Writes
   * queued in the same turn of the event loop share one transaction: a commit costs more than the
   * rows it writes.
   */
  commit(): Promise<void> {
    this.committing ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        this.committing = undefined;
        try {
          this.flush();
          resolve();
        } catch (error) {
          reject(error);
        }
      });
    });
    return this.committing;
  }

  /** Commit every queued write now, in one transaction. */
  flush(): void {
    if (this.queued.length === 0 || this.flushing) return;
    const writes = this.queued;
    this.queued = [];
    this.writeQueued ??= this.db.transaction((list: readonly (() => void)[]) => {
      for (const write of list) write();
    });
    this.flushing = true;
    try {
      this.writeQueued.immediate(writes);
    } catch (error) {
      // Nothing of a failed commit is lost: it stays queued, and the next commit (or read) tries
      // again and reports what keeps failing.
      this.queued = [...writes, ...this.queued];
      throw error;
    } finally {
      this.flushing = false;
    }
  }

  // --- runs -------------------------------------------------------------------------------

  /** Record the start of a run. */
  createRun(run: NewRun): void {
    const t = now();
    this.sql(
        `INSERT INTO runs (id, created_at, updated_at, task, task_file, proposer, target, scorer, selector, seed, config, config_hash, status, owner, suite_id)
         VALUES (@id, @t, @t, @task, @task_file, @proposer, @target, @scorer, @selector, @seed, @config, @config_hash, 'running', @owner, @suite_id)`,
      )
      .run({ ...run, suite_id: run.suite_id ?? null, t, owner: currentOwner() });
  }

  /** Set a run's status (and the error that ended it, if any). */
  setRunStatus(id: string, status: RunStatus, error?: string): void {
    this.sql(`UPDATE runs SET status = ?, error = ?, updated_at = ? WHERE id = ?`).run(status, error ?? null, now(), id);
  }

  /** Mark a run as still being run (see `HEARTBEAT_MS` in owner.ts). */
  touchRun(id: string): void {
    this.sql(`UPDATE runs SET updated_at = ? WHERE id = ?`).run(now(), id);
  }

  /** Record the winner and the number of evaluations done. */
  setRunResult(id: string, bestCandidateId: number | null, bestScore: number | null, evaluations: number): void {
    this.sql(`UPDATE runs SET best_candidate_id = ?, best_score = ?, evaluations = ?, updated_at = ? WHERE id = ?`)
      .run(bestCandidateId, bestScore, evaluations, now(), id);
  }

  /** One run by id, or by a unique prefix of its id. */
  getRun(idOrPrefix: string): RunRow {
    const exact = this.sql(`SELECT * FROM runs WHERE id = ?`).get(idOrPrefix) as RunRow | undefined;
    if (exact) return exact;
    const matches = this.sql(`SELECT * FROM runs WHERE id LIKE ? || '%' ESCAPE '\\' LIMIT 2`).all(idOrPrefix.replace(/[\\%_]/g, "\\$&")) as RunRow[];
    if (matches.length === 1 && matches[0]) return matches[0];
    if (matches.length > 1) throw new UsageError(`run id prefix "${idOrPrefix}" is ambiguous in ${this.file}; give more characters (\`ape runs\` lists them).`);
    throw new UsageError(`no run "${idOrPrefix}" in ${this.file}; \`ape runs\` lists the runs (use --db or APE_DB for another file).`);
  }

  /** All runs, newest first. */
  listRuns(): RunRow[] {
    return this.sql(`SELECT * FROM runs ORDER BY created_at DESC, id`).all() as RunRow[];
  }

  /**
   * The newest unfinished run with these exact settings that no other live process is running, to
   * resume instead of starting again.
   */
  findResumable(configHash: string): RunRow | undefined {
    const rows = this.sql(`SELECT * FROM runs WHERE config_hash = ? AND status IN ('running', 'failed', 'cancelled', 'budget') ORDER BY created_at DESC`).all(configHash) as RunRow[];
    return rows.find((r) => !(r.status === "running" && ownerAlive(r.owner, r.updated_at)));
  }

  /**
   * Mark a run as running in this process. Atomic, so two processes cannot both take the same run.
   * @throws UsageError when another live process is running it.
   */
  claimRun(id: string): void {
    const claim = this.db.transaction(() => {
      const run = this.sql(`SELECT status, owner, updated_at FROM runs WHERE id = ?`).get(id) as Pick<RunRow, "status" | "owner" | "updated_at"> | undefined;
      if (run?.status === "running" && ownerAlive(run.owner, run.updated_at)) {
        throw new UsageError(
          `run ${id} is being run right now by process ${run.owner ?? "?"}; wait for it to end, or stop it first (Ctrl-C), then \`ape resume ${id}\`. (A run whose process died on another host is free ${STALE_MS / 60_000} minutes after its last write.)`,
        );
      }
      this.sql(`UPDATE runs SET status = 'running', error = NULL, owner = ?, updated_at = ? WHERE id = ?`).run(currentOwner(), now(), id);
    });
    claim.immediate();
  }

  // --- candidates -------------------------------------------------------------------------

  /** Add a candidate (or find the one with the same text in this run); returns its id and whether it is new. */
  addCandidate(runId: string, c: NewCandidate): { readonly id: number; readonly created: boolean } {
    const info = this.sql(
        `INSERT INTO candidates (run_id, text, origin, fill_path, parent_id, round, demo_ids, proposer_prompt, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, text) DO NOTHING`,
      )
      .run(runId, c.text, c.origin, c.fillPath ?? null, c.parentId ?? null, c.round ?? 0, c.demoIds ? JSON.stringify(c.demoIds) : null, c.proposerPrompt ?? null, now());
    if (info.changes > 0) return { id: Number(info.lastInsertRowid), created: true };
    const row = this.sql(`SELECT id FROM candidates WHERE run_id = ? AND text = ?`).get(runId, c.text) as { id: number };
    return { id: row.id, created: false };
  }

  /** Add several candidates in one transaction (see `addCandidate`); their ids in the order given. */
  addCandidates(runId: string, list: readonly NewCandidate[]): { readonly id: number; readonly created: boolean }[] {
    this.addMany ??= this.db.transaction((id: string, items: readonly NewCandidate[]) => items.map((c) => this.addCandidate(id, c)));
    return this.addMany.immediate(runId, list);
  }

  /** Queue an update of what is known about a candidate's scores and place (committed with the next commit or read). */
  updateCandidate(id: number, u: CandidateOutcomeUpdate): void {
    const sets: string[] = [];
    const values: unknown[] = [];
    const put = (column: string, value: unknown): void => {
      sets.push(`${column} = ?`);
      values.push(value);
    };
    if (u.score !== undefined) put("score", u.score);
    if (u.evalCount !== undefined) put("eval_count", u.evalCount);
    if (u.testScore !== undefined) put("test_score", u.testScore);
    if (u.testCount !== undefined) put("test_count", u.testCount);
    if (u.rank !== undefined) put("rank", u.rank);
    if (u.droppedAt !== undefined) put("dropped_at", u.droppedAt);
    if (u.history !== undefined) put("history", JSON.stringify(u.history));
    if (sets.length === 0) return;
    this.queued.push(() => this.sql(`UPDATE candidates SET ${sets.join(", ")} WHERE id = ?`).run(...values, id));
  }

  /** The candidates of a run: ranked ones first by rank, then by score. */
  candidates(runId: string): CandidateRow[] {
    return this.sql(`SELECT * FROM candidates WHERE run_id = ? ORDER BY rank IS NULL, rank, score IS NULL, score DESC, id`)
      .all(runId) as CandidateRow[];
  }

  /** One candidate by id. */
  getCandidate(id: number): CandidateRow | undefined {
    return this.sql(`SELECT * FROM candidates WHERE id = ?`).get(id) as CandidateRow | undefined;
  }

  // --- evaluations ------------------------------------------------------------------------

  /** Record the score of a candidate on one example (idempotent). */
  addEvaluation(runId: string, candidateId: number, split: string, exampleId: string, output: string | null, score: number): void {
    this.sql(
        `INSERT INTO evaluations (run_id, candidate_id, split, example_id, output, score, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (candidate_id, split, example_id) DO NOTHING`,
      )
      .run(runId, candidateId, split, exampleId, output, score, now());
  }

  /**
   * Queue several evaluations of one candidate (idempotent) for the next commit (`commit`, or any
   * read). An evaluation lost in a crash costs nothing: a resumed run scores it again from its call,
   * which is committed before its answer is used.
   */
  addEvaluations(runId: string, candidateId: number, split: string, rows: readonly { readonly exampleId: string; readonly output: string | null; readonly score: number }[]): void {
    this.queued.push(() => {
      for (const r of rows) this.addEvaluation(runId, candidateId, split, r.exampleId, r.output, r.score);
    });
  }

  /** The evaluations of a run (or of one candidate). */
  evaluations(runId: string, candidateId?: number): EvaluationRow[] {
    if (candidateId === undefined) return this.sql(`SELECT * FROM evaluations WHERE run_id = ? ORDER BY id`).all(runId) as EvaluationRow[];
    return this.sql(`SELECT * FROM evaluations WHERE run_id = ? AND candidate_id = ? ORDER BY id`).all(runId, candidateId) as EvaluationRow[];
  }

  // --- calls ------------------------------------------------------------------------------

  /** Queue one model call (see `addCalls`). */
  addCall(call: NewCall): void {
    this.addCalls([call]);
  }

  /**
   * Queue model calls, each added to its run's totals in the same transaction, for the next commit:
   * await `commit()` before using their answers, so a crash loses at most calls still in flight.
   */
  addCalls(calls: readonly NewCall[]): void {
    if (calls.length === 0) return;
    const rows = [...calls];
    this.queued.push(() => {
      const insert = this.sql(
        `INSERT INTO calls (run_id, role, backend, model, base_url, kind, cache_key, request, response, error, cached,
                            prompt_tokens, completion_tokens, cost_usd, latency_ms, created_at)
         VALUES (@run_id, @role, @backend, @model, @base_url, @kind, @cache_key, @request, @response, @error, @cached,
                 @prompt_tokens, @completion_tokens, @cost_usd, @latency_ms, @created_at)`,
      );
      const totals = new Map<string, { calls: number; cachedCalls: number; promptTokens: number; completionTokens: number; costUsd: number }>();
      const t = now();
      for (const c of rows) {
        insert.run({ ...c, created_at: t });
        if (c.run_id === null || c.error !== null) continue;
        const sum = totals.get(c.run_id) ?? { calls: 0, cachedCalls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 };
        const paid = c.cached ? 0 : 1;
        sum.calls += paid;
        sum.cachedCalls += c.cached;
        sum.promptTokens += paid * c.prompt_tokens;
        sum.completionTokens += paid * c.completion_tokens;
        sum.costUsd += paid * c.cost_usd;
        totals.set(c.run_id, sum);
      }
      for (const [runId, sum] of totals) this.addTotals(runId, sum);
    });
  }

  private addTotals(runId: string, t: RunTotals): void {
    this.sql(
        `UPDATE runs SET calls = calls + ?, cached_calls = cached_calls + ?, prompt_tokens = prompt_tokens + ?,
                         completion_tokens = completion_tokens + ?, cost_usd = cost_usd + ?, updated_at = ? WHERE id = ?`,
      )
      .run(t.calls, t.cachedCalls, t.promptTokens, t.completionTokens, t.costUsd, now(), runId);
  }

  /**
   * A stored successful response for this cache key, if any. With `own`, only one that run paid for
   * up to call id `upTo` (with the cache off, a resumed run still replays its own earlier calls).
   */
  cachedResponse(cacheKey: string, own?: { readonly runId: string; readonly upTo: number }): string | undefined {
    const row = (
      own === undefined
        ? this.sql(`SELECT response FROM calls WHERE cache_key = ? AND response IS NOT NULL AND cached = 0 ORDER BY id LIMIT 1`).get(cacheKey)
        : this.sql(`SELECT response FROM calls WHERE cache_key = ? AND run_id = ? AND id <= ? AND response IS NOT NULL AND cached = 0 ORDER BY id LIMIT 1`).get(cacheKey, own.runId, own.upTo)
    ) as { response: string } | undefined;
    return row?.response;
  }

  /** The id of the last call recorded in the file (0 when none). */
  lastCallId(): number {
    return (this.sql(`SELECT coalesce(max(id), 0) AS id FROM calls`).get() as { id: number }).id;
  }

  /** Score summaries of every candidate of a run on one split. */
  scoreStats(runId: string, split: string): ScoreStats[] {
    return this.sql(
        `SELECT candidate_id, COUNT(*) AS n, AVG(score) AS mean, SUM(score * score) AS sumsq,
                MIN(CASE WHEN score IN (0, 1) THEN 1 ELSE 0 END) AS binary
         FROM evaluations WHERE run_id = ? AND split = ? GROUP BY candidate_id ORDER BY candidate_id`,
      )
      .all(runId, split) as ScoreStats[];
  }

  /** The calls of a run, oldest first, without their request and response text (cheap on big runs). */
  callTimings(runId: string): CallTiming[] {
    return this.sql(
        `SELECT id, role, kind, cached, prompt_tokens, completion_tokens, cost_usd, latency_ms, created_at, error IS NOT NULL AS failed
         FROM calls WHERE run_id = ? ORDER BY id`,
      )
      .all(runId) as CallTiming[];
  }

  /** The calls of a run, oldest first. */
  calls(runId: string): CallRow[] {
    return this.sql(`SELECT * FROM calls WHERE run_id = ? ORDER BY id`).all(runId) as CallRow[];
  }
}
