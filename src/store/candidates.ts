/** The `candidates` table: proposed instructions, references, and what selection concluded about them. */
import { type Connection, now } from "./connection.js";
import type { CandidateRow } from "./rows.js";
import type { Origin } from "./schema.js";

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

/** A candidate's id, and whether adding it made a new row. */
export interface AddedCandidate {
  readonly id: number;
  readonly created: boolean;
}

/** Reading the candidates of a run. */
export interface CandidateReader {
  /** The candidates of a run: ranked ones first by rank, then by score. */
  candidates(runId: string): CandidateRow[];
  /** One candidate by id. */
  getCandidate(id: number): CandidateRow | undefined;
}

/** Adding candidates and recording what is learnt about them, as a search does. */
export interface CandidateLog extends CandidateReader {
  /** Add a candidate (or find the one with the same text in this run); returns its id and whether it is new. */
  addCandidate(runId: string, c: NewCandidate): AddedCandidate;
  /** Add several candidates in one transaction (see `addCandidate`); their ids in the order given. */
  addCandidates(runId: string, list: readonly NewCandidate[]): AddedCandidate[];
  /** Queue an update of what is known about a candidate's scores and place (committed with the next commit or read). */
  updateCandidate(id: number, u: CandidateOutcomeUpdate): void;
}

/** `CandidateLog` over one connection. */
export class CandidateTable implements CandidateLog {
  private addMany: ((runId: string, list: readonly NewCandidate[]) => AddedCandidate[]) | undefined;

  /** Reads and writes through `db`. */
  constructor(private readonly db: Connection) {}

  addCandidate(runId: string, c: NewCandidate): AddedCandidate {
    const info = this.db
      .sql(
        `INSERT INTO candidates (run_id, text, origin, fill_path, parent_id, round, demo_ids, proposer_prompt, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, text) DO NOTHING`,
      )
      .run(
        runId,
        c.text,
        c.origin,
        c.fillPath ?? null,
        c.parentId ?? null,
        c.round ?? 0,
        c.demoIds ? JSON.stringify(c.demoIds) : null,
        c.proposerPrompt ?? null,
        now(),
      );
    if (info.changes > 0) return { id: Number(info.lastInsertRowid), created: true };
    const row = this.db.sql<{ id: number }>(`SELECT id FROM candidates WHERE run_id = ? AND text = ?`).get(runId, c.text);
    // Ignored only because the run already has this text (UNIQUE(run_id, text)), so the row is there.
    if (row === undefined) throw new Error(`candidate of run ${runId} was neither added nor found`);
    return { id: row.id, created: false };
  }

  addCandidates(runId: string, list: readonly NewCandidate[]): AddedCandidate[] {
    if (!this.addMany) {
      const many = this.db.transaction((id: string, items: readonly NewCandidate[]) => items.map((c) => this.addCandidate(id, c)));
      this.addMany = (id, items) => many.immediate(id, items);
    }
    return this.addMany(runId, list);
  }

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
    this.db.enqueue(() => this.db.sql(`UPDATE candidates SET ${sets.join(", ")} WHERE id = ?`).run(...values, id));
  }

  candidates(runId: string): CandidateRow[] {
    return this.db.sql<CandidateRow>(`SELECT * FROM candidates WHERE run_id = ? ORDER BY rank IS NULL, rank, score IS NULL, score DESC, id`).all(runId);
  }

  getCandidate(id: number): CandidateRow | undefined {
    return this.db.sql<CandidateRow>(`SELECT * FROM candidates WHERE id = ?`).get(id);
  }
}
