/** The `evaluations` table: the score of each candidate on each example it was run on. */
import { type Connection, now } from "./connection.js";
import type { EvaluationRow } from "./rows.js";

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

/** One scored example of a candidate, as the evaluator records it. */
export interface ScoredExample {
  readonly exampleId: string;
  readonly output: string | null;
  readonly score: number;
  /** What the metric said of the output (a judge's reasons); null when it said nothing. */
  readonly feedback: string | null;
}

/** Reading the evaluations of a run. */
export interface EvaluationReader {
  /** The evaluations of a run (or of one candidate), oldest first. */
  evaluations(runId: string, candidateId?: number): EvaluationRow[];
  /** Score summaries of every candidate of a run on one split. */
  scoreStats(runId: string, split: string): ScoreStats[];
  /** How many evaluations of a run are stored (a finished run's `runs.evaluations`; an unfinished one's so far). */
  evaluationCount(runId: string): number;
}

/** Recording scores, as the evaluator does. */
export interface EvaluationLog extends EvaluationReader {
  /** Record the score of a candidate on one example now, with the metric's feedback (idempotent). */
  addEvaluation(runId: string, candidateId: number, split: string, exampleId: string, output: string | null, score: number, feedback?: string | null): void;
  /**
   * Queue several evaluations of one candidate (idempotent) for the next commit (`commit`, or any
   * read). An evaluation lost in a crash costs nothing: a resumed run scores it again from its call,
   * which is committed before its answer is used.
   */
  addEvaluations(runId: string, candidateId: number, split: string, rows: readonly ScoredExample[]): void;
}

/** `EvaluationLog` over one connection. */
export class EvaluationTable implements EvaluationLog {
  /** Reads and writes through `db`. */
  constructor(private readonly db: Connection) {}

  addEvaluation(
    runId: string,
    candidateId: number,
    split: string,
    exampleId: string,
    output: string | null,
    score: number,
    feedback: string | null = null,
  ): void {
    this.db
      .sql(
        `INSERT INTO evaluations (run_id, candidate_id, split, example_id, output, score, feedback, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (candidate_id, split, example_id) DO NOTHING`,
      )
      .run(runId, candidateId, split, exampleId, output, score, feedback, now());
  }

  addEvaluations(runId: string, candidateId: number, split: string, rows: readonly ScoredExample[]): void {
    this.db.enqueue(() => {
      for (const r of rows) this.addEvaluation(runId, candidateId, split, r.exampleId, r.output, r.score, r.feedback);
    });
  }

  evaluations(runId: string, candidateId?: number): EvaluationRow[] {
    if (candidateId === undefined) return this.db.sql<EvaluationRow>(`SELECT * FROM evaluations WHERE run_id = ? ORDER BY id`).all(runId);
    return this.db.sql<EvaluationRow>(`SELECT * FROM evaluations WHERE run_id = ? AND candidate_id = ? ORDER BY id`).all(runId, candidateId);
  }

  evaluationCount(runId: string): number {
    return this.db.sql<{ n: number }>(`SELECT count(*) AS n FROM evaluations WHERE run_id = ?`).get(runId)?.n ?? 0;
  }

  scoreStats(runId: string, split: string): ScoreStats[] {
    return this.db
      .sql<ScoreStats>(
        `SELECT candidate_id, COUNT(*) AS n, AVG(score) AS mean, SUM(score * score) AS sumsq,
                MIN(CASE WHEN score IN (0, 1) THEN 1 ELSE 0 END) AS binary
         FROM evaluations WHERE run_id = ? AND split = ? GROUP BY candidate_id ORDER BY candidate_id`,
      )
      .all(runId, split);
  }
}
