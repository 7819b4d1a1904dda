/**
 * The `lineage` table: the parents of each refined candidate (a merge has two) and, per parent,
 * the eval examples of it the proposer was shown, with the parent's score on each (reflect and
 * merge show some; resample shows none).
 */
import type { Connection } from "./connection.js";
import { isRecord, storedList } from "../narrow.js";

/** One eval example of a parent shown to the proposer, with the parent's score on it and whether it was shown as a failure. */
export interface ShownExample {
  readonly example: string;
  readonly score: number;
  readonly failed: boolean;
}

/** One parent of a candidate. */
export interface ParentLink {
  readonly parentId: number;
  /** The examples of that parent the proposer was shown (empty: none, as in resampling). */
  readonly shown: readonly ShownExample[];
}

/** One parent of one candidate of a run, as read back: `position` 0 is `candidates.parent_id`. */
export interface LineageEntry extends ParentLink {
  readonly candidateId: number;
  readonly position: number;
}

/** Reading the lineage of a run. */
export interface LineageReader {
  /** Every (candidate, parent) link of run `runId`, by candidate then position. */
  lineage(runId: string): LineageEntry[];
}

/** Recording lineage, as a search does when it admits refined candidates. */
export interface LineageLog extends LineageReader {
  /** Record the parents of `candidateId` in order (idempotent: a resumed run records them again). */
  addLineage(candidateId: number, parents: readonly ParentLink[]): void;
}

interface LineageRow {
  readonly candidate_id: number;
  readonly parent_id: number;
  readonly position: number;
  readonly shown: string | null;
}

/** `LineageLog` over one connection. */
export class LineageTable implements LineageLog {
  /** Reads and writes through `db`. */
  constructor(private readonly db: Connection) {}

  addLineage(candidateId: number, parents: readonly ParentLink[]): void {
    parents.forEach((p, position) => {
      this.db
        .sql(`INSERT INTO lineage (candidate_id, parent_id, position, shown) VALUES (?, ?, ?, ?) ON CONFLICT (candidate_id, parent_id) DO NOTHING`)
        .run(candidateId, p.parentId, position, p.shown.length > 0 ? JSON.stringify(p.shown) : null);
    });
  }

  lineage(runId: string): LineageEntry[] {
    // A file of schema 6 or older, opened to read as it is, has no lineage.
    if (this.db.sql<{ n: number }>(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'lineage'`).get()?.n === 0) return [];
    return this.db
      .sql<LineageRow>(
        `SELECT l.candidate_id, l.parent_id, l.position, l.shown FROM lineage l JOIN candidates c ON c.id = l.candidate_id
         WHERE c.run_id = ? ORDER BY l.candidate_id, l.position`,
      )
      .all(runId)
      .map((r) => ({ candidateId: r.candidate_id, parentId: r.parent_id, position: r.position, shown: parseShown(r.shown) }));
  }
}

/** `lineage.shown` read back, keeping only well-formed entries. */
function parseShown(text: string | null): ShownExample[] {
  return storedList(text).flatMap((e) =>
    isRecord(e) && typeof e.example === "string" && typeof e.score === "number" ? [{ example: e.example, score: e.score, failed: e.failed === true }] : [],
  );
}
