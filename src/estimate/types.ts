/** What an estimate says: the planned calls, tokens and dollars of a search, per role and in all. */

/** The planned use of one role's model. */
export interface RoleEstimate {
  /** The model spec, e.g. `vllm:Qwen/Qwen2.5-7B-Instruct`. */
  readonly model: string;
  /** Calls as the budget counts them: one per prompt (batching sends several per request). */
  readonly calls: number;
  readonly promptTokens: number;
  /** Typical completion tokens (proposals and answers of typical length). */
  readonly completionTokens: number;
  /** Most completion tokens (every sample up to its `maxTokens`); what the budget reserves. */
  readonly maxCompletionTokens: number;
  readonly costUsd: number;
  /** False for an `openai:` model missing from the price table: its cost is not known (counted as 0). */
  readonly priceKnown: boolean;
  /** Tokenizer used to count: the model's own tiktoken encoding, or the cl100k_base approximation. */
  readonly encoding: string;
  readonly exactTokens: boolean;
}

/** Calls, tokens and dollars of every role together. */
export interface EstimateTotal {
  readonly calls: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly costUsd: number;
}

/** The planned cost of a search. */
export interface Estimate {
  readonly proposer: RoleEstimate;
  readonly target: RoleEstimate;
  /** The judge's calls, for a task whose metric is an LLM judge (absent otherwise). */
  readonly judge?: RoleEstimate;
  readonly total: EstimateTotal;
  /** Candidates planned in the first pool (before de-duplication). */
  readonly candidates: number;
  /** (candidate, example) evaluations planned, test split included. */
  readonly evaluations: number;
  readonly rounds: number;
}

/** The planned cost of a suite: each task's search, and all of them together (what the suite's one budget must cover). */
export interface SuiteEstimate {
  readonly tasks: readonly { readonly task: string; readonly file: string; readonly estimate: Estimate }[];
  readonly total: EstimateTotal & { readonly evaluations: number };
}
