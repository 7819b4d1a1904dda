/**
 * `ape export`: a run's candidates (or evaluations) as JSON, JSON Lines or CSV, with field names
 * that are part of the public interface (documented in the README; add fields, never rename).
 */
import type { StoreReader } from "../store/store.js";
import type { Cell } from "./csv.js";
import { toCsv } from "./csv.js";
import { readRunView, type CandidateView } from "./run-view.js";
import { storedTask } from "../task/stored-task.js";

/** Export formats. */
export const EXPORT_FORMATS = ["json", "jsonl", "csv"] as const;
/** One export format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What is exported: one record per candidate (references included), or per evaluation. */
export const EXPORT_WHATS = ["candidates", "evaluations"] as const;
/** One kind of record. */
export type ExportWhat = (typeof EXPORT_WHATS)[number];

/** The fields of a candidate record, in order. */
export const CANDIDATE_FIELDS = [
  "run_id",
  "candidate_id",
  "rank",
  "origin",
  "text",
  "score",
  "eval_count",
  "eval_ci_low",
  "eval_ci_high",
  "test_score",
  "test_count",
  "test_ci_low",
  "test_ci_high",
  "dropped_at",
  "round",
  "parent_id",
  "fill_path",
  "is_winner",
  "history",
] as const;

/**
 * The fields of an evaluation record, in order. `input` and `expected` (the example's acceptable
 * outputs) come from the task stored with the run; null for runs stored before tasks were. `feedback`: the metric's words on the answer, where it gave some.
 */
export const EVALUATION_FIELDS = [
  "run_id",
  "evaluation_id",
  "candidate_id",
  "split",
  "example_id",
  "output",
  "score",
  "created_at",
  "input",
  "expected",
  "feedback",
] as const;

/** One exported record; `history` and `expected` are lists in JSON and JSON text in CSV. */
export type ExportRecord = Readonly<Record<string, Cell | readonly unknown[]>>;

/** The records and their field names for run `runId`. */
export function exportRecords(
  store: StoreReader,
  runId: string,
  what: ExportWhat,
): { readonly fields: readonly string[]; readonly records: readonly ExportRecord[] } {
  const view = readRunView(store, runId);
  if (what === "evaluations") {
    const examples = new Map(storedTask(store, view.run.id)?.examples.map((e) => [e.id, e]));
    const records = store.evaluations(view.run.id).map(
      (e): ExportRecord => ({
        run_id: e.run_id,
        evaluation_id: e.id,
        candidate_id: e.candidate_id,
        split: e.split,
        example_id: e.example_id,
        output: e.output,
        score: e.score,
        created_at: e.created_at,
        input: examples.get(e.example_id)?.input ?? null,
        expected: examples.get(e.example_id)?.outputs ?? null,
        // A file of schema 4 or older (read without migrating) has no feedback column.
        feedback: e.feedback ?? null,
      }),
    );
    return { fields: EVALUATION_FIELDS, records };
  }
  const winner = view.candidates[0]?.row.id;
  const record = (c: CandidateView): ExportRecord => ({
    run_id: c.row.run_id,
    candidate_id: c.row.id,
    rank: c.row.rank,
    origin: c.row.origin,
    text: c.row.text,
    score: c.row.score,
    eval_count: c.row.eval_count,
    eval_ci_low: c.evalInterval?.low ?? null,
    eval_ci_high: c.evalInterval?.high ?? null,
    test_score: c.row.test_score,
    test_count: c.row.test_count,
    test_ci_low: c.testInterval?.low ?? null,
    test_ci_high: c.testInterval?.high ?? null,
    dropped_at: c.row.dropped_at,
    round: c.row.round,
    parent_id: c.row.parent_id,
    fill_path: c.row.fill_path,
    is_winner: c.row.id === winner,
    history: c.history,
  });
  return { fields: CANDIDATE_FIELDS, records: [...view.candidates, ...view.references].map(record) };
}

/** Records as text in a format: a JSON array, one JSON object per line, or CSV with a header. */
export function formatRecords(fields: readonly string[], records: readonly ExportRecord[], format: ExportFormat): string {
  if (format === "json") return `${JSON.stringify(records, null, 2)}\n`;
  if (format === "jsonl") return records.map((r) => `${JSON.stringify(r)}\n`).join("");
  const flat = records.map((r) => Object.fromEntries(fields.map((f) => [f, flatten(r[f])])));
  return toCsv(fields, flat);
}

function flatten(value: Cell | readonly unknown[] | undefined): Cell {
  if (value === undefined) return null;
  return Array.isArray(value) ? JSON.stringify(value) : (value as Cell);
}
