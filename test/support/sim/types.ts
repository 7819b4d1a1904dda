/**
 * Public types of the simulated OpenAI-compatible server: the options a test passes in, the world
 * the simulated model lives in, fault settings, and the statistics a test reads back.
 */

/** Server families the simulator can imitate (see `families.ts` and docs/servers.md). */
export const SIM_FAMILIES = ["vllm", "sglang", "openai-instruct", "davinci", "llamacpp", "llamacpp-2025", "ollama", "chat-only"] as const;
/** One simulated server family. */
export type SimFamily = (typeof SIM_FAMILIES)[number];

/**
 * Ways a request can be made to fail. `401-key`: OpenAI's 401 for a bad key, quoting the key sent
 * in part (`sk-abc12***…wxyz`); `502-echo`: a proxy's 502 page that echoes the request's
 * `Authorization` header whole.
 */
export const FAULT_KINDS = ["429", "500", "503", "drop", "malformed", "hang", "401-key", "502-echo"] as const;
/** One fault kind: an HTTP status, a dropped socket, a 200 with broken JSON, or no answer at all. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * What the simulated model "knows". The hidden rule is a set of keywords: an instruction that
 * mentions all of them gets the task right with probability `ceiling`, one with none with `floor`.
 */
export interface SimWorld {
  /** The correct output for an input (the input as it appears after `Input:`, trimmed). */
  readonly answers: Readonly<Record<string, string>> | ((input: string) => string | undefined);
  /**
   * The hidden rule. A keyword is present when it occurs in the instruction case-insensitively,
   * starting at a word boundary; it may run on into a longer word (`antonym` matches `Antonyms`),
   * and may hold several words (`opposite word` matches `the opposite words`).
   */
  readonly keywords: readonly string[];
  /** Instructions of mixed quality the simulated proposer picks from. */
  readonly proposals: readonly string[];
  /** Quality of an instruction with none of the keywords. @default 0.1 */
  readonly floor?: number;
  /** Quality of an instruction with all of the keywords. @default 0.95 */
  readonly ceiling?: number;
  /**
   * Chance that a reflection shown failures, or a merge, proposes a step closer to the rule
   * (see `reflection.ts`). @default 0.5
   */
  readonly reflection?: number;
  /**
   * The judge's reply to a grading prompt (ape's judge form). @default `Score: 10` and a reason when
   * the answer holds an acceptable answer (case-insensitively), else `Score: 2` (see `judge.ts`)
   */
  readonly judge?: (ask: JudgeAsk) => string;
}

/** What a judge prompt asks: grade `answer` to `input` by `rubric`, `acceptable` beside it. */
export interface JudgeAsk {
  readonly rubric: string;
  readonly input: string;
  readonly acceptable: readonly string[];
  readonly answer: string;
}

/** Fault injection. Decisions are deterministic from the server seed and a request counter. */
export interface FaultConfig {
  /** Delay before every answer, in milliseconds. @default 0 */
  readonly latencyMs?: number;
  /** Extra delay in [0, jitterMs) added per request, from a hash of the seed and counter. @default 0 */
  readonly jitterMs?: number;
  /** Fraction of requests (0..1) that fault with one of `kinds`. @default 0 */
  readonly rate?: number;
  /** Kinds drawn from when a request faults by `rate`. @default ["500"] */
  readonly kinds?: readonly FaultKind[];
  /** The `retry-after` header of a 429, in seconds. @default 1 */
  readonly retryAfterSeconds?: number;
  /** Fail exactly the next `count` requests with `kind`, before `rate` applies. */
  readonly failNext?: { readonly kind: FaultKind; readonly count: number };
  /** Only requests whose body contains this text can fault (e.g. `Input:`, which no probe request has). @default every request */
  readonly bodyIncludes?: string;
  /** Only requests to these paths (e.g. `/v1/completions`) can fault. @default every path */
  readonly paths?: readonly string[];
}

/** Options of `startSimServer`. */
export interface SimOptions {
  /** The task world the simulated model lives in. */
  readonly world: SimWorld;
  /** Seed of every deterministic choice. @default 0 */
  readonly seed?: number;
  /** The server family to imitate. @default "vllm" */
  readonly family?: SimFamily;
  /**
   * Model ids served (`/v1/models`). Families that check names (vllm, ollama, OpenAI's) answer
   * another name with a 404; llama.cpp and SGLang answer any name. For llama.cpp the first id is
   * the path given to `-m`. @default ["sim-model"]
   */
  readonly models?: readonly string[];
  /**
   * When set, requests need `Authorization: Bearer <apiKey>` or get a 401, on the paths the family
   * guards: vLLM only `/v1/…`, SGLang all but `/health`, llama.cpp all but `/health` and
   * `/v1/models`, the others everything.
   */
  readonly apiKey?: string;
  /**
   * The model has FIM tokens: a raw completions prompt holding `<|fim_prefix|>…<|fim_suffix|>…
   * <|fim_middle|>` is answered as a fill. Without it such a prompt gets a plain continuation
   * (the prompt's last line repeated), as a model without those tokens would ramble.
   * @default false
   */
  readonly fim?: boolean;
  /**
   * Ollama: the model's template has the insert capability, so `suffix` fills; without it a
   * `suffix` gets 400 "… does not support insert". Other families ignore this. @default false
   */
  readonly insert?: boolean;
  /** Most prompts in one completions request, for families that take lists. @default 64 */
  readonly maxPromptsPerRequest?: number;
  /** Request bodies kept in `stats.log` (oldest dropped first); `Infinity` keeps all. @default 1000 */
  readonly logLimit?: number;
  /** Initial fault settings; `setFaults` replaces them. */
  readonly faults?: FaultConfig;
  /** Port on 127.0.0.1; 0 picks a free one. @default 0 */
  readonly port?: number;
}

/** One logged request. */
export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  /** The parsed JSON body (`undefined` for GET or an unparsable body). */
  readonly body: unknown;
  /** Status answered, or the fault kind when the request was faulted without a normal answer. */
  readonly outcome: number | FaultKind;
}

/** Live counters of a running server. Read them any time; `reset()` zeroes them. */
export interface SimStats {
  /** Requests per `METHOD /path`, faulted ones included. */
  readonly requests: Readonly<Record<string, number>>;
  /** Prompts received (each string of a list counts; a chat request counts one). */
  readonly prompts: number;
  /** Choices returned across all successful responses. */
  readonly completions: number;
  /** Requests being handled right now. */
  readonly inFlight: number;
  /** Most requests handled at once since start or `reset()`. */
  readonly maxInFlight: number;
  /**
   * Prompt tokens the server processed: the sum of `usage.prompt_tokens` answered, except where a
   * family reports one choice's usage for a whole request (llama.cpp): this counts them all.
   */
  readonly promptTokens: number;
  /** Completion tokens generated, counted like `promptTokens`. */
  readonly completionTokens: number;
  /** Faults injected, per kind. */
  readonly faults: Readonly<Record<FaultKind, number>>;
  /** Request bodies, oldest first (bounded by `logLimit`). */
  readonly log: readonly LoggedRequest[];
  /** Zero every counter and clear the log (in-flight count is kept). */
  reset(): void;
}

/** A running simulated server. */
export interface SimServer {
  /** Base URL ending in `/v1`, e.g. `http://127.0.0.1:41234/v1`. */
  readonly url: string;
  readonly port: number;
  readonly stats: SimStats;
  /** Replace the fault settings (and any pending `failNext`). */
  setFaults(faults: FaultConfig): void;
  /** Stop listening, end hung and open requests, destroy every socket. */
  close(): Promise<void>;
}
