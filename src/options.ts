/**
 * The options of a search, their defaults, and their validation. The library validates here (a
 * library user gets the same clear errors as the CLI), and the run's stored config is built here.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { UsageError } from "./errors.js";
import type { BudgetLimits } from "./model/budget.js";
import { stableJson } from "./model/cache-key.js";
import type { GgufOptions } from "./model/gguf/gguf-options.js";
import { DEFAULT_PRICES, type PriceTable } from "./model/prices.js";
import type { RetryPolicy } from "./model/retry.js";
import type { Model } from "./model/types.js";
import type { ScorerName } from "./score/scorer.js";
import type { Selector, SelectorName } from "./select/selector.js";
import type { Store } from "./store/store.js";
import type { SearchEvent } from "./events.js";
import type { Task } from "./task/types.js";

/** How candidates are proposed. */
export const MODES = ["forward", "reverse", "both"] as const;
/** One proposal mode. */
export type ProposalMode = (typeof MODES)[number];

/** Everything `search()` accepts. Every field but `task` has a default. */
export interface SearchOptions {
  /** The task: loaded, or the path of a task file. */
  readonly task: Task | string;
  /** Spec of the model for both roles. @default the embedded GGUF model (DEFAULT_MODEL) */
  readonly model?: string | undefined;
  /** Spec of the proposer; overrides `model`. */
  readonly proposer?: string | undefined;
  /** Spec of the target; overrides `model`. */
  readonly target?: string | undefined;
  /** Base URLs for HTTP specs (several = replicas). @default the backend's default URL */
  readonly baseUrls?: readonly string[] | undefined;
  /** Bearer token for the servers; never stored or printed. */
  readonly apiKey?: string | undefined;
  /** @default "exec" */
  readonly scorer?: ScorerName | undefined;
  /** @default "forward" */
  readonly mode?: ProposalMode | undefined;
  /** Instructions asked of the proposer (before de-duplication). @default 20 */
  readonly candidates?: number | undefined;
  /** Demo subsets the proposals are spread over. @default 5 */
  readonly subsets?: number | undefined;
  /** Demos shown per subset. @default 5 */
  readonly demos?: number | undefined;
  /** Selection strategy (a name, or your own Selector). @default "multistage" */
  readonly selector?: SelectorName | Selector | undefined;
  /** Most (candidate, example) evaluations per selection. @default pool size × eval split size */
  readonly evalBudget?: number | undefined;
  /** Resampling rounds. @default 0 */
  readonly rounds?: number | undefined;
  /** Candidates varied per resampling round. @default 3 */
  readonly topK?: number | undefined;
  /** Variants asked for per varied candidate. @default 4 */
  readonly variants?: number | undefined;
  /** Seed of every random choice. @default 0 */
  readonly seed?: number | undefined;
  /** The results database: a path or an open Store. @default "results/ape.db" */
  readonly db?: string | Store | undefined;
  /** Answer repeated calls from the response cache. @default true */
  readonly cache?: boolean | undefined;
  readonly budget?: BudgetLimits | undefined;
  /** Requests in flight per model. @default 8 */
  readonly concurrency?: number | undefined;
  /** Most prompts per request where the server takes lists. @default 16 */
  readonly batch?: number | undefined;
  /** Most requests started per second, per model (retries included). @default unlimited */
  readonly rps?: number | undefined;
  /** Most tokens (prompt + most completion) sent per minute, per model. @default unlimited */
  readonly tpm?: number | undefined;
  readonly prices?: PriceTable | undefined;
  /** Per-request timeout in milliseconds. @default 120000 */
  readonly timeoutMs?: number | undefined;
  /** Retries of transient faults (429, 5xx, dropped connections, garbled answers). @default DEFAULT_RETRY (8 attempts, 250 ms doubling to 20 s) */
  readonly retry?: RetryPolicy | undefined;
  /** Continue the newest unfinished run with the same settings, if any. @default true */
  readonly resume?: boolean | undefined;
  /** Continue exactly this run (`ape resume`); its settings must match these options. */
  readonly runId?: string | undefined;
  readonly onEvent?: ((event: SearchEvent) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Settings of the in-process gguf backend (cache folder, threads, sequences, GPU). */
  readonly gguf?: Omit<GgufOptions, "onDownloadProgress" | "onLog"> | undefined;
  /** Ready-made models (tests, custom backends) instead of building them from the specs. */
  readonly models?: { readonly proposer?: Model; readonly target?: Model } | undefined;
}

/** Every search option but the task and what belongs to one call (the run to continue, the event sink). */
export type SearchSettings = Omit<SearchOptions, "task" | "runId" | "onEvent">;

/** Options with defaults applied. */
export interface Resolved {
  readonly scorer: ScorerName;
  readonly mode: ProposalMode;
  readonly candidates: number;
  readonly subsets: number;
  readonly demos: number;
  readonly rounds: number;
  readonly topK: number;
  readonly variants: number;
  readonly seed: number;
  readonly concurrency: number;
  readonly batch: number;
}

/** Apply defaults and check ranges; a bad value is a UsageError naming the option. */
export function resolve(o: SearchSettings): Resolved {
  const int = (name: string, value: number | undefined, fallback: number, min: number): number => {
    const v = value ?? fallback;
    if (!Number.isInteger(v) || v < min) throw new UsageError(`${name} must be an integer ≥ ${min} (got ${String(value)}).`);
    return v;
  };
  return {
    scorer: o.scorer ?? "exec",
    mode: o.mode ?? "forward",
    candidates: int("candidates", o.candidates, 20, 1),
    subsets: int("subsets", o.subsets, 5, 1),
    demos: int("demos", o.demos, 5, 1),
    rounds: int("rounds", o.rounds, 0, 0),
    topK: int("topK", o.topK, 3, 1),
    variants: int("variants", o.variants, 4, 1),
    seed: int("seed", o.seed, 0, 0),
    concurrency: int("concurrency", o.concurrency, 8, 1),
    batch: int("batch", o.batch, 16, 1),
  };
}

/** The rate limits, checked: each must be a positive number when given. */
export function rateLimits(o: Pick<SearchOptions, "rps" | "tpm">): { readonly requestsPerSecond: number | undefined; readonly tokensPerMinute: number | undefined } {
  const positive = (flag: string, v: number | undefined): number | undefined => {
    if (v !== undefined && !(Number.isFinite(v) && v > 0)) throw new UsageError(`${flag} must be a positive number (got ${String(v)}).`);
    return v;
  };
  return { requestsPerSecond: positive("--rps", o.rps), tokensPerMinute: positive("--tpm", o.tpm) };
}

/** The stored config of a run (what `ape resume` needs, never a key) and its hash. */
export function runConfig(o: SearchSettings, r: Resolved, task: Task, specs: { proposer: string; target: string }, selector: string): { readonly json: string; readonly hash: string } {
  const taskHash = createHash("sha256").update(stableJson({ splits: task.splits, templates: task.templates, metric: task.metric, references: task.references })).digest("hex");
  const identity = { taskHash, ...specs, selector, evalBudget: o.evalBudget ?? null, ...r, concurrency: undefined, batch: undefined };
  const hash = createHash("sha256").update(stableJson(identity)).digest("hex").slice(0, 32);
  const json = stableJson({
    task: existsSync(task.source) ? resolvePath(task.source) : task.source,
    taskHash,
    references: task.references,
    ...settingsConfig(o, r, specs, selector),
  });
  return { json, hash };
}

/** The stored settings of a search that do not depend on its task (a run's config holds them, as does a suite's). */
export function settingsConfig(o: Pick<SearchOptions, "prices" | "baseUrls" | "evalBudget" | "budget" | "cache" | "rps" | "tpm" | "timeoutMs">, r: Resolved, specs: { proposer: string; target: string }, selector: string): Readonly<Record<string, unknown>> {
  const table = o.prices ?? DEFAULT_PRICES;
  const models = [specs.proposer, specs.target].map((spec) => spec.slice(spec.indexOf(":") + 1));
  const prices = Object.fromEntries(models.filter((m) => table[m] !== undefined).map((m) => [m, table[m]]));
  return {
    prices,
    ...specs,
    baseUrls: o.baseUrls ?? [],
    selector,
    evalBudget: o.evalBudget ?? null,
    budget: o.budget ?? {},
    cache: o.cache ?? true,
    rps: o.rps ?? null,
    tpm: o.tpm ?? null,
    timeoutMs: o.timeoutMs ?? null,
    ...r,
  };
}
