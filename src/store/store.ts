/**
 * The Store: every write a search makes and every read the inspection commands need. Each write is
 * its own small statement committed at once, so a crash loses at most the calls in flight.
 */
import { UsageError } from "../errors.js";
import { openDatabase, type SqliteDatabase } from "./database.js";
import type { CallRow, CandidateRow, EvaluationRow, RunRow } from "./rows.js";
import type { Origin, RunStatus } from "./schema.js";

/** Fields given when a run starts. */
export type NewRun = Pick<
  RunRow,
  "id" | "task" | "task_file" | "proposer" | "target" | "scorer" | "selector" | "seed" | "config" | "config_hash"
>;

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

  /** Open (creating and migrating if needed) the database at `file`. */
  constructor(file: string) {
    this.file = file;
    this.db = openDatabase(file);
  }

  /** Close the file. */
  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Run a read-only SQL query (used by tests and `ape` inspection helpers). */
  query<T>(sql: string, ...params: readonly unknown[]): T[] {
    return this.db.prepare(sql).all(...params) as T[];
  }

  // --- runs -------------------------------------------------------------------------------

  /** Record the start of a run. */
  createRun(run: NewRun): void {
    const t = now();
    this.db
      .prepare(
        `INSERT INTO runs (id, created_at, updated_at, task, task_file, proposer, target, scorer, selector, seed, config, config_hash, status)
         VALUES (@id, @t, @t, @task, @task_file, @proposer, @target, @scorer, @selector, @seed, @config, @config_hash, 'running')`,
      )
      .run({ ...run, t });
  }

  /** Set a run's status (and the error that ended it, if any). */
  setRunStatus(id: string, status: RunStatus, error?: string): void {
    this.db.prepare(`UPDATE runs SET status = ?, error = ?, updated_at = ? WHERE id = ?`).run(status, error ?? null, now(), id);
  }

  /** Record the winner and the number of evaluations done. */
  setRunResult(id: string, bestCandidateId: number | null, bestScore: number | null, evaluations: number): void {
    this.db
      .prepare(`UPDATE runs SET best_candidate_id = ?, best_score = ?, evaluations = ?, updated_at = ? WHERE id = ?`)
      .run(bestCandidateId, bestScore, evaluations, now(), id);
  }

  /** One run by id, or by a unique prefix of its id. */
  getRun(idOrPrefix: string): RunRow {
    const exact = this.db.prepare(`SELECT * FROM runs WHERE id = ?`).get(idOrPrefix) as RunRow | undefined;
    if (exact) return exact;
    const matches = this.db.prepare(`SELECT * FROM runs WHERE id LIKE ? || '%' ESCAPE '\\' LIMIT 2`).all(idOrPrefix.replace(/[\\%_]/g, "\\$&")) as RunRow[];
    if (matches.length === 1 && matches[0]) return matches[0];
    if (matches.length > 1) throw new UsageError(`run id prefix "${idOrPrefix}" is ambiguous in ${this.file}; give more characters (\`ape runs\` lists them).`);
    throw new UsageError(`no run "${idOrPrefix}" in ${this.file}; \`ape runs\` lists the runs (use --db or APE_DB for another file).`);
  }

  /** All runs, newest first. */
  listRuns(): RunRow[] {
    return this.db.prepare(`SELECT * FROM runs ORDER BY created_at DESC, id`).all() as RunRow[];
  }

  /** The newest unfinished run with these exact settings, to resume instead of starting again. */
  findResumable(configHash: string): RunRow | undefined {
    return this.db
      .prepare(`SELECT * FROM runs WHERE config_hash = ? AND status IN ('running', 'failed', 'cancelled', 'budget') ORDER BY created_at DESC LIMIT 1`)
      .get(configHash) as RunRow | undefined;
  }

  // --- candidates -------------------------------------------------------------------------

  /** Add a candidate (or find the one with the same text in this run); returns its id and whether it is new. */
  addCandidate(runId: string, c: NewCandidate): { readonly id: number; readonly created: boolean } {
    const info = this.db
      .prepare(
        `INSERT INTO candidates (run_id, text, origin, fill_path, parent_id, round, demo_ids, proposer_prompt, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, text) DO NOTHING`,
      )
      .run(runId, c.text, c.origin, c.fillPath ?? null, c.parentId ?? null, c.round ?? 0, c.demoIds ? JSON.stringify(c.demoIds) : null, c.proposerPrompt ?? null, now());
    if (info.changes > 0) return { id: Number(info.lastInsertRowid), created: true };
    const row = this.db.prepare(`SELECT id FROM candidates WHERE run_id = ? AND text = ?`).get(runId, c.text) as { id: number };
    return { id: row.id, created: false };
  }

  /** Update what is known about a candidate's scores and place. */
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
    this.db.prepare(`UPDATE candidates SET ${sets.join(", ")} WHERE id = ?`).run(...values, id);
  }

  /** The candidates of a run: ranked ones first by rank, then by score. */
  candidates(runId: string): CandidateRow[] {
    return this.db
      .prepare(`SELECT * FROM candidates WHERE run_id = ? ORDER BY rank IS NULL, rank, score IS NULL, score DESC, id`)
      .all(runId) as CandidateRow[];
  }

  /** One candidate by id. */
  getCandidate(id: number): CandidateRow | undefined {
    return this.db.prepare(`SELECT * FROM candidates WHERE id = ?`).get(id) as CandidateRow | undefined;
  }

  // --- evaluations ------------------------------------------------------------------------

  /** Record the score of a candidate on one example (idempotent). */
  addEvaluation(runId: string, candidateId: number, split: string, exampleId: string, output: string | null, score: number): void {
    this.db
      .prepare(
        `INSERT INTO evaluations (run_id, candidate_id, split, example_id, output, score, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (candidate_id, split, example_id) DO NOTHING`,
      )
      .run(runId, candidateId, split, exampleId, output, score, now());
  }

  /** The evaluations of a run (or of one candidate). */
  evaluations(runId: string, candidateId?: number): EvaluationRow[] {
    if (candidateId === undefined) return this.db.prepare(`SELECT * FROM evaluations WHERE run_id = ? ORDER BY id`).all(runId) as EvaluationRow[];
    return this.db.prepare(`SELECT * FROM evaluations WHERE run_id = ? AND candidate_id = ? ORDER BY id`).all(runId, candidateId) as EvaluationRow[];
  }

  // --- calls ------------------------------------------------------------------------------

  /** Record one model call and add it to its run's totals, atomically. */
  addCall(call: NewCall): void {
    const write = this.db.transaction((c: NewCall) => {
      this.db
        .prepare(
          `INSERT INTO calls (run_id, role, backend, model, base_url, kind, cache_key, request, response, error, cached,
                              prompt_tokens, completion_tokens, cost_usd, latency_ms, created_at)
           VALUES (@run_id, @role, @backend, @model, @base_url, @kind, @cache_key, @request, @response, @error, @cached,
                   @prompt_tokens, @completion_tokens, @cost_usd, @latency_ms, @created_at)`,
        )
        .run({ ...c, created_at: now() });
      if (c.run_id !== null && c.error === null) {
        this.addTotals(c.run_id, {
          calls: c.cached ? 0 : 1,
          cachedCalls: c.cached,
          promptTokens: c.cached ? 0 : c.prompt_tokens,
          completionTokens: c.cached ? 0 : c.completion_tokens,
          costUsd: c.cached ? 0 : c.cost_usd,
        });
      }
    });
    write.immediate(call);
  }

  private addTotals(runId: string, t: RunTotals): void {
    this.db
      .prepare(
        `UPDATE runs SET calls = calls + ?, cached_calls = cached_calls + ?, prompt_tokens = prompt_tokens + ?,
                         completion_tokens = completion_tokens + ?, cost_usd = cost_usd + ?, updated_at = ? WHERE id = ?`,
      )
      .run(t.calls, t.cachedCalls, t.promptTokens, t.completionTokens, t.costUsd, now(), runId);
  }

  /** A stored successful response for this cache key, if any. */
  cachedResponse(cacheKey: string): string | undefined {
    const row = this.db
      .prepare(`SELECT response FROM calls WHERE cache_key = ? AND response IS NOT NULL AND cached = 0 ORDER BY id LIMIT 1`)
      .get(cacheKey) as { response: string } | undefined;
    return row?.response;
  }

  /** Score summaries of every candidate of a run on one split. */
  scoreStats(runId: string, split: string): ScoreStats[] {
    return this.db
      .prepare(
        `SELECT candidate_id, COUNT(*) AS n, AVG(score) AS mean, SUM(score * score) AS sumsq,
                MIN(CASE WHEN score IN (0, 1) THEN 1 ELSE 0 END) AS binary
         FROM evaluations WHERE run_id = ? AND split = ? GROUP BY candidate_id ORDER BY candidate_id`,
      )
      .all(runId, split) as ScoreStats[];
  }

  /** The calls of a run, oldest first, without their request and response text (cheap on big runs). */
  callTimings(runId: string): CallTiming[] {
    return this.db
      .prepare(
        `SELECT id, role, kind, cached, prompt_tokens, completion_tokens, cost_usd, latency_ms, created_at, error IS NOT NULL AS failed
         FROM calls WHERE run_id = ? ORDER BY id`,
      )
      .all(runId) as CallTiming[];
  }

  /** The calls of a run, oldest first. */
  calls(runId: string): CallRow[] {
    return this.db.prepare(`SELECT * FROM calls WHERE run_id = ? ORDER BY id`).all(runId) as CallRow[];
  }
}
