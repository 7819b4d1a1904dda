/**
 * A run as the inspection commands see it: the run row, its candidates best first and its
 * references, each with parsed history and 95% intervals on the eval and test splits.
 */
import { evaluationsOf, shownStatus } from "../store/run-status.js";
import { equalsReference, referenceRows, referenceTexts } from "../human-references.js";
import type { CandidateRow, RunRow } from "../store/rows.js";
import type { StoreReader } from "../store/store.js";
import { scoreInterval, type Interval } from "../stats/interval.js";
import { isRecord, storedList } from "../narrow.js";

/** One entry of a candidate's history: its running mean after a selection stage of a round. */
export interface HistoryEntry {
  readonly round: number;
  readonly stage: number;
  readonly mean: number;
  readonly count: number;
}

/** A candidate with what the views need beside its row. */
export interface CandidateView {
  readonly row: CandidateRow;
  readonly history: readonly HistoryEntry[];
  readonly evalInterval: Interval | undefined;
  readonly testInterval: Interval | undefined;
  /** It is one of the task's human references (word for word, after the de-duplication normalisation). */
  readonly equalsReference: boolean;
}

/** A run with its candidates (best first) and references. */
export interface RunView {
  readonly run: RunRow;
  /** Its status as shown (`stopped` for a run whose process is gone, see run-status.ts). */
  readonly status: string;
  /** Its evaluations: the total once done, those stored so far otherwise. */
  readonly evaluations: number;
  readonly candidates: readonly CandidateView[];
  /** The task's references, a candidate's row among them where a proposal was word for word one. */
  readonly references: readonly CandidateView[];
}

/** Read run `idOrPrefix` (a unique prefix will do); throws UsageError for an unknown id. */
export function readRunView(store: StoreReader, idOrPrefix: string): RunView {
  const run = store.getRun(idOrPrefix);
  const evalStats = new Map(store.scoreStats(run.id, "eval").map((s) => [s.candidate_id, s]));
  const testStats = new Map(store.scoreStats(run.id, "test").map((s) => [s.candidate_id, s]));
  const rows = store.candidates(run.id);
  const humans = referenceRows(rows, run.config);
  const texts = referenceTexts(rows, run.config);
  const views = rows.map(
    (row): CandidateView => ({
      row,
      history: parseHistory(row.history),
      evalInterval: scoreInterval(evalStats.get(row.id)),
      testInterval: scoreInterval(testStats.get(row.id)),
      equalsReference: equalsReference(row.text, texts),
    }),
  );
  const references = humans.map((h) => views.find((v) => v.row.id === h.id)).filter((v): v is CandidateView => v !== undefined);
  return {
    run,
    status: shownStatus(run),
    evaluations: evaluationsOf(store, run),
    candidates: views.filter((v) => v.row.origin !== "reference"),
    references,
  };
}

/** Parse `candidates.history`, keeping only well-formed entries (older rows may lack `round`). */
export function parseHistory(text: string | null): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const r of storedList(text)) {
    if (!isRecord(r)) continue;
    if (typeof r.stage !== "number" || typeof r.mean !== "number" || typeof r.count !== "number") continue;
    out.push({ round: typeof r.round === "number" ? r.round : 0, stage: r.stage, mean: r.mean, count: r.count });
  }
  return out;
}

/** A candidate's fate in words: survived, or dropped at which stage. */
export function fate(row: CandidateRow): string {
  if (row.origin === "reference") return "reference";
  return row.dropped_at === null ? "survived" : `dropped at stage ${row.dropped_at}`;
}
