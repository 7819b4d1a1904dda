/** The typed result of a search, as the library returns it and `--json` prints it. */
import type { FillPath } from "./model/types.js";
import type { StageRecord } from "./select/selector.js";
import type { Origin, RunStatus } from "./store/schema.js";

/** Running totals of a run: carried by progress events, and the run's own at the end. */
export interface Totals {
  readonly calls: number;
  readonly cachedCalls: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly costUsd: number;
  readonly evaluations: number;
}

/** One candidate with everything known about it. */
export interface RankedCandidate {
  /** Row id in `candidates`. */
  readonly id: number;
  /** 1 = the winner. */
  readonly rank: number;
  readonly text: string;
  readonly origin: Origin;
  readonly fillPath: FillPath | null;
  /** Row id of the candidate it is a variant of. */
  readonly parentId: number | null;
  readonly round: number;
  /** Mean score on the eval examples it was scored on. */
  readonly score: number | null;
  readonly evalCount: number;
  /** Mean score on the test split (winner, runner-up and references only). */
  readonly testScore: number | null;
  readonly testCount: number;
  /** Selection stage where it was dropped (null: survived). */
  readonly droppedAt: number | null;
  readonly history: readonly StageRecord[];
  /** It is one of the task's human references (word for word, after the de-duplication normalisation). */
  readonly equalsReference: boolean;
}

/** A human reference instruction scored beside the winner. */
export interface ReferenceResult {
  readonly id: number;
  readonly text: string;
  readonly score: number | null;
  readonly evalCount: number;
  readonly testScore: number | null;
  readonly testCount: number;
}

/** What `search()` returns. */
export interface SearchResult {
  readonly runId: string;
  readonly task: string;
  readonly status: RunStatus;
  readonly proposer: string;
  readonly target: string;
  readonly scorer: string;
  readonly selector: string;
  readonly seed: number;
  /** The best candidate (the first of `candidates`). */
  readonly winner: RankedCandidate | undefined;
  /** Every candidate, best first. */
  readonly candidates: readonly RankedCandidate[];
  readonly references: readonly ReferenceResult[];
  readonly totals: Totals;
  /** The SQLite file holding the run. */
  readonly db: string;
}
