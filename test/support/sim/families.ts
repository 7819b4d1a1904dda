/**
 * What each simulated server family accepts and how it answers, per docs/servers.md. The routes
 * consult this table and nothing else, so a family is one row here.
 */
import type { SimFamily } from "./types.js";

/** The rules of one family. */
export interface FamilyRules {
  /** `/v1/completions` exists (404 otherwise). */
  readonly completions: boolean;
  /** `prompt` may be a list of strings (400 otherwise). */
  readonly promptLists: boolean;
  /** `echo`: allowed, refused outright, or refused only together with `logprobs`. */
  readonly echo: "yes" | "refuse" | "refuse-with-logprobs";
  /** Message of an echo refusal. */
  readonly echoMessage: string;
  /** `suffix` on completions: a fill, a 400, or ignored (a plain continuation). */
  readonly suffix: "fill" | "refuse" | "ignore";
  /** Message of a suffix refusal. */
  readonly suffixMessage: string;
  /** `n` other than 1: honoured, refused, or ignored (one choice). */
  readonly n: "honour" | "refuse" | "ignore";
  /** Largest `logprobs` on completions. */
  readonly maxCompletionLogprobs: number;
  /** Completions `logprobs` come back in the standard or the chat (`content[]`) shape. */
  readonly completionLogprobShape: "standard" | "chat";
  /** `text_offset` is real (false: always -1, as SGLang). */
  readonly textOffsets: boolean;
  /** `/infill` and `/tokenize` exist. */
  readonly llamacppRoutes: boolean;
  /** The request `seed` changes sampling. */
  readonly seed: boolean;
}

const BASE: FamilyRules = {
  completions: true,
  promptLists: true,
  echo: "yes",
  echoMessage: "",
  suffix: "refuse",
  suffixMessage: "suffix is not currently supported",
  n: "honour",
  maxCompletionLogprobs: 20,
  completionLogprobShape: "standard",
  textOffsets: true,
  llamacppRoutes: false,
  seed: true,
};

/** Every family's rules. */
export const FAMILIES: Readonly<Record<SimFamily, FamilyRules>> = {
  vllm: BASE,
  sglang: { ...BASE, suffix: "ignore", textOffsets: false },
  "openai-instruct": {
    ...BASE,
    echo: "refuse-with-logprobs",
    echoMessage: "Setting 'echo' and 'logprobs' at the same time is not supported for this model.",
    suffix: "fill",
    maxCompletionLogprobs: 5,
  },
  davinci: { ...BASE, maxCompletionLogprobs: 5 },
  llamacpp: {
    ...BASE,
    echo: "refuse",
    echoMessage: "Only no echo is supported",
    suffixMessage: "Unsupported param: suffix",
    n: "refuse",
    completionLogprobShape: "chat",
    llamacppRoutes: true,
  },
  ollama: {
    ...BASE,
    promptLists: false,
    echo: "refuse",
    echoMessage: "echo is not supported",
    suffix: "fill",
    n: "ignore",
    completionLogprobShape: "chat",
  },
  "chat-only": { ...BASE, completions: false },
};

/** Most `top_logprobs` on the chat route, for every family. */
export const MAX_CHAT_TOP_LOGPROBS = 20;
