/**
 * What each simulated server family accepts and how it answers, per docs/servers.md ("How servers
 * really answer") and the recorded llama-server in shared/servers. The routes consult this table
 * and nothing else, so a family is one row here; `dialect` picks the family's own wire shapes
 * (error bodies, response envelopes, model list, native routes).
 */
import { HttpError } from "./http.js";
import type { SimFamily } from "./types.js";

/** A request the family refuses, with the status and message it answers. */
export interface Refusal {
  readonly status: number;
  readonly message: string;
}

/** The server software whose wire shapes a family uses. */
export type Dialect = "openai" | "vllm" | "sglang" | "llamacpp" | "ollama";

/** The rules of one family. */
export interface FamilyRules {
  readonly dialect: Dialect;
  /** `/v1/completions` exists (404 otherwise). */
  readonly completions: boolean;
  /**
   * A list `prompt`: one object whose choices run prompt-major (`choices`), a JSON array with one
   * completion object per prompt (`array`), or refused.
   */
  readonly promptLists: "choices" | "array" | Refusal;
  /** `echo: true`: honoured, silently dropped, refused, or refused only together with `logprobs`. */
  readonly echo: "yes" | "ignore" | Refusal | { readonly withLogprobs: Refusal };
  /**
   * `suffix` on completions: a fill, silently ignored (a plain continuation that does not count
   * the suffix), a fill only when the model's template supports insert (Ollama), or refused.
   */
  readonly suffix: "fill" | "ignore" | "insert-template" | Refusal;
  /** `n` other than 1: honoured, ignored (one choice), or refused. */
  readonly n: "honour" | "ignore" | Refusal;
  /** `n` > 1 at temperature 0 is refused (vLLM's greedy sampling check). */
  readonly greedyN?: Refusal;
  /** Most `n` one request may ask for (llama.cpp: its slots, `/props` `total_slots`); more is refused with a 400. */
  readonly maxN?: number;
  /** `best_of` (any value): ignored or refused. */
  readonly bestOf: "ignore" | Refusal;
  /**
   * `max_tokens: 0`: no text at all, one token generated anyway (llama.cpp), refused, or allowed
   * only together with `echo` (vLLM).
   */
  readonly maxTokensZero: "empty" | "one-token" | Refusal | { readonly withoutEcho: Refusal };
  /** Largest `logprobs` on completions. */
  readonly maxCompletionLogprobs: number;
  /** Completions `logprobs` come back in the standard shape, the chat (`content[]`) shape, or never. */
  readonly completionLogprobs: "standard" | "chat" | "dropped";
  /** `text_offset` is real (false: always -1, as SGLang). */
  readonly textOffsets: boolean;
  /** Request model names: only the served ones (404 otherwise), or any name at all. */
  readonly anyModelName: boolean;
  /** `usage` of a request with several choices covers all of them (false: one choice's, as llama.cpp). */
  readonly usageSummed: boolean;
  /** Completions `max_tokens` when the request gives none (undefined: until the text ends). */
  readonly defaultMaxTokens: number | undefined;
  /** Status of a body that is not JSON. */
  readonly badJsonStatus: number;
  /** The request `seed` changes sampling. */
  readonly seed: boolean;
  /**
   * `prompt_logprobs` on the chat route gives the log-probs of the rendered prompt's tokens (vLLM;
   * with `continue_final_message` the last assistant message ends the prompt). Ignored elsewhere.
   */
  readonly chatPromptLogprobs?: true;
}

/** OpenAI's own API, the baseline the other rows differ from. */
const OPENAI: FamilyRules = {
  dialect: "openai",
  completions: true,
  promptLists: "choices",
  echo: "yes",
  suffix: { status: 400, message: "suffix is not currently supported" },
  n: "honour",
  bestOf: "ignore",
  maxTokensZero: "empty",
  maxCompletionLogprobs: 5,
  completionLogprobs: "standard",
  textOffsets: true,
  anyModelName: false,
  usageSummed: true,
  defaultMaxTokens: 16,
  badJsonStatus: 400,
  seed: true,
};

/** Slots the simulated llama-server runs (`-np`). */
export const LLAMA_SLOTS = 4;

const LLAMACPP: FamilyRules = {
  ...OPENAI,
  dialect: "llamacpp",
  echo: "ignore",
  suffix: "ignore",
  maxTokensZero: "one-token",
  maxCompletionLogprobs: 20,
  completionLogprobs: "chat",
  anyModelName: true,
  usageSummed: false,
  defaultMaxTokens: undefined,
  badJsonStatus: 500,
  maxN: LLAMA_SLOTS,
};

/** Every family's rules. */
export const FAMILIES: Readonly<Record<SimFamily, FamilyRules>> = {
  vllm: {
    ...OPENAI,
    dialect: "vllm",
    greedyN: { status: 400, message: "n must be 1 when using greedy sampling" },
    maxTokensZero: { withoutEcho: { status: 400, message: "max_tokens must be at least 1, got 0." } },
    maxCompletionLogprobs: 20,
    chatPromptLogprobs: true,
  },
  sglang: {
    ...OPENAI,
    dialect: "sglang",
    suffix: "ignore",
    maxTokensZero: { status: 400, message: "max_tokens must be positive" },
    maxCompletionLogprobs: 20,
    textOffsets: false,
    anyModelName: true,
  },
  "openai-instruct": {
    ...OPENAI,
    echo: { withLogprobs: { status: 400, message: "Setting 'echo' and 'logprobs' at the same time is not supported for this model." } },
    suffix: "fill",
  },
  davinci: OPENAI,
  llamacpp: LLAMACPP,
  "llamacpp-2025": {
    ...LLAMACPP,
    promptLists: "array",
    echo: { status: 500, message: "Only no echo is supported" },
    suffix: { status: 500, message: "Unsupported param: suffix" },
    n: { status: 500, message: "Only one completion choice is allowed" },
    bestOf: { status: 500, message: "Unsupported param: best_of" },
    usageSummed: true,
  },
  ollama: {
    ...OPENAI,
    dialect: "ollama",
    promptLists: { status: 400, message: "json: cannot unmarshal array into Go struct field CompletionRequest.prompt of type string" },
    echo: "ignore",
    suffix: "insert-template",
    n: "ignore",
    maxCompletionLogprobs: 20,
    completionLogprobs: "dropped",
    defaultMaxTokens: undefined,
  },
  "chat-only": { ...OPENAI, completions: false },
};

/** Most `top_logprobs` on the chat route, for every family. */
export const MAX_CHAT_TOP_LOGPROBS = 20;

/** Whether a rule value is a refusal. */
export function isRefusal(value: unknown): value is Refusal {
  return typeof value === "object" && value !== null && "status" in value && "message" in value;
}

/** Answer a request with the family's refusal. */
export function refuse(refusal: Refusal): never {
  throw new HttpError(refusal.status, refusal.message);
}

/** Refuse an `n` the family does not take: refused outright, above its most (llama.cpp's words), or above 1 when greedy (vLLM). */
export function checkN(rules: FamilyRules, n: number, temperature: number): void {
  if (n !== 1 && isRefusal(rules.n)) refuse(rules.n);
  if (rules.maxN !== undefined && n > rules.maxN)
    refuse({ status: 400, message: `Field 'n': Value must be between 1 <= value <= ${rules.maxN}, but got ${n}` });
  if (n > 1 && temperature === 0 && rules.greedyN) refuse(rules.greedyN);
}
