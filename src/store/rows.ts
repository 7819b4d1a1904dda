/** Typed rows of the store's tables, as the inspection commands and the library read them. */
import type { Origin, RunStatus } from "./schema.js";

/** A row of `runs`. */
export interface RunRow {
  readonly id: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly task: string;
  readonly task_file: string;
  readonly proposer: string;
  readonly target: string;
  readonly scorer: string;
  readonly selector: string;
  readonly seed: number;
  /** JSON of the run's settings (never an API key). */
  readonly config: string;
  readonly config_hash: string;
  readonly status: RunStatus;
  readonly error: string | null;
  readonly calls: number;
  readonly cached_calls: number;
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly cost_usd: number;
  readonly evaluations: number;
  readonly best_candidate_id: number | null;
  readonly best_score: number | null;
  /** `host:pid` of the process that last ran it (see src/store/owner.ts). */
  readonly owner: string | null;
  /** The suite this run is a task of (`ape suite`), else null. */
  readonly suite_id: string | null;
}

/** A row of `suites`: many tasks searched as one resumable run (`ape suite`). */
export interface SuiteRow {
  readonly id: string;
  readonly created_at: string;
  readonly updated_at: string;
  /** How many tasks the suite has. */
  readonly tasks: number;
  /** JSON of the suite's settings and task files (never a key). */
  readonly config: string;
  readonly config_hash: string;
  readonly status: RunStatus;
  readonly error: string | null;
  /** `host:pid` of the process running it (see src/store/owner.ts). */
  readonly owner: string | null;
}

/** A row of `candidates`. */
export interface CandidateRow {
  readonly id: number;
  readonly run_id: string;
  readonly text: string;
  readonly origin: Origin;
  readonly fill_path: string | null;
  readonly parent_id: number | null;
  readonly round: number;
  /** JSON list of the demo example ids shown to the proposer. */
  readonly demo_ids: string | null;
  readonly proposer_prompt: string | null;
  /** Mean score on the eval examples it was scored on. */
  readonly score: number | null;
  readonly eval_count: number;
  readonly test_score: number | null;
  readonly test_count: number;
  /** 1 = winner; null for references and unranked candidates. */
  readonly rank: number | null;
  readonly dropped_at: number | null;
  /** JSON list of `{stage, mean, count}`. */
  readonly history: string | null;
  readonly created_at: string;
}

/** A row of `evaluations`. */
export interface EvaluationRow {
  readonly id: number;
  readonly run_id: string;
  readonly candidate_id: number;
  readonly split: string;
  readonly example_id: string;
  readonly output: string | null;
  readonly score: number;
  /** What the metric said of the output (schema 5; null before, and where it said nothing). */
  readonly feedback: string | null;
  readonly created_at: string;
}

/** A row of `calls`. */
export interface CallRow {
  readonly id: number;
  readonly run_id: string | null;
  readonly role: string;
  readonly backend: string;
  readonly model: string;
  readonly base_url: string | null;
  readonly kind: string;
  readonly cache_key: string;
  readonly request: string;
  readonly response: string | null;
  readonly error: string | null;
  readonly cached: number;
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly cost_usd: number;
  readonly latency_ms: number;
  readonly created_at: string;
}
