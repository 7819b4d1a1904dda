/**
 * The Model seam: what a backend does on the wire and nothing more. Caching, budgets, limits and
 * accounting live in the Gateway, which is the only caller of a Model.
 */

import type { ChatMessage, ChatPrompt } from "../chat.js";

/**
 * Requests in flight per model when none is said (`--concurrency`): the search's calls and a
 * server's probe alike.
 */
export const DEFAULT_CONCURRENCY = 8;

/** A parsed model spec such as `vllm:Qwen/Qwen2.5-7B-Instruct` or `gguf:./tiny.gguf`. */
export interface ModelSpec {
  /** The backend, as registered in `backends.ts` (the part of a spec before the first colon). */
  readonly backend: string;
  /** Model name as the server knows it, or the GGUF path / `hf:` reference. */
  readonly model: string;
  /** Base URLs of the server (several = replicas of one model); empty for in-process backends. */
  readonly baseUrls: readonly string[];
}

/** How a backend can fill a blank between a prefix and a suffix (reverse proposals). */
export const FILL_PATHS = ["suffix", "infill", "fim", "chat"] as const;
/** One fill path: native `suffix`, llama.cpp `/infill`, FIM tokens in a raw prompt, or a chat instruction. */
export type FillPath = (typeof FILL_PATHS)[number];

/** FIM marker strings of a model family, each one special token. */
export interface FimTokens {
  readonly prefix: string;
  readonly suffix: string;
  readonly middle: string;
}

/** The features `probe()` looks for, each decided on evidence. */
export const PROBED_FEATURES = ["completions", "chat", "promptLogprobs", "chatLogprobs", "lists", "samples", "suffix", "infill", "fim"] as const;
/** One probed feature. */
export type ProbedFeature = (typeof PROBED_FEATURES)[number];

/** What a server can do, found out by `probe()` rather than assumed. */
export interface Capabilities {
  /** `/v1/completions` (raw text continuation) works. */
  readonly completions: boolean;
  /** `/v1/chat/completions` works. */
  readonly chat: boolean;
  /** Exact log-probs of prompt tokens (echo on the completions route, or in-process). */
  readonly promptLogprobs: boolean;
  /** Exact log-probs of a reply's tokens after chat messages rendered by the model's own chat template (log-prob scoring in the chat format). */
  readonly chatLogprobs: boolean;
  /** Native or emulated fill paths that work, best first. */
  readonly fill: readonly FillPath[];
  /** FIM tokens when the `fim` path is available. */
  readonly fimTokens: FimTokens | undefined;
  /** Most prompts one request may carry (1 where the server takes a single prompt). */
  readonly maxPromptsPerRequest: number;
  /** The server honours `n` > 1 in one request. */
  readonly multipleSamples: boolean;
  /** The server honours a sampling `seed`. */
  readonly seed: boolean;
  /** How each feature was decided, in words (what the server answered); for messages and reports. */
  readonly evidence: Readonly<Partial<Record<ProbedFeature, string>>>;
  /** What the user should hear once (e.g. a model name the server does not list but answers for). */
  readonly notices: readonly string[];
}

/** Token usage of one call, as reported by the server (or counted in-process). */
export interface Usage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/** Sampling settings shared by generation and fill. */
export interface Sampling {
  /** Samples wanted. */
  readonly n: number;
  readonly temperature: number;
  readonly maxTokens: number;
  readonly stop?: readonly string[];
  /** Sampling seed, sent where the server takes one. */
  readonly seed?: number;
}

/**
 * Continue a prompt (`route: "completion"`), or answer on the chat route: a text as a single user
 * turn, or chat messages, which the server renders with the model's own chat template.
 */
export type GenerateRequest = Sampling & ({ readonly route: "completion"; readonly prompt: string } | { readonly route: "chat"; readonly prompt: ChatPrompt });

/** Fill the blank between `prefix` and `suffix` by one path. */
export interface FillRequest extends Sampling {
  readonly prefix: string;
  readonly suffix: string;
  readonly path: FillPath;
}

/** Texts produced by one request. */
export interface Generation {
  /** One text per sample, in sample order. */
  readonly texts: readonly string[];
  readonly usage: Usage;
}

/**
 * Score `continuation` after `prefix`: a text (the continuation carries its own leading space), or
 * chat messages rendered by the model's own chat template up to the start of its reply (the
 * continuation is the reply's start).
 */
export interface LogprobRequest {
  readonly prefix: string | readonly ChatMessage[];
  readonly continuation: string;
}

/** Log-probabilities of the continuation's tokens given the prefix. */
export interface LogprobResult {
  /** Tokens of the continuation with their natural-log probabilities. */
  readonly tokens: readonly { readonly text: string; readonly logprob: number }[];
  readonly usage: Usage;
}

/**
 * One request as the Model seam takes it, tagged with its kind (the Gateway's call kinds): what a
 * scorer or proposer sends, built by the same pure functions that the estimate lists.
 */
export type ModelRequest =
  | { readonly kind: "generate"; readonly request: GenerateRequest }
  | { readonly kind: "fill"; readonly request: FillRequest }
  | { readonly kind: "logprobs"; readonly request: LogprobRequest };

/** A model backend. Every method may be called concurrently. */
export interface Model {
  readonly spec: ModelSpec;
  /** Find out what the server can do. Cheap; the Gateway calls it once per run. */
  probe(signal?: AbortSignal): Promise<Capabilities>;
  /** Generate for several prompts; one result per request, in order. May send them as one call. */
  generate(requests: readonly GenerateRequest[], signal?: AbortSignal): Promise<Generation[]>;
  /** Exact prompt log-probs; only when `probe()` said `promptLogprobs`. */
  logprobs(requests: readonly LogprobRequest[], signal?: AbortSignal): Promise<LogprobResult[]>;
  /** Fill a blank by the requested path; only paths `probe()` listed. */
  fill(request: FillRequest, signal?: AbortSignal): Promise<Generation>;
  /** Release connections, native memory, files. */
  close(): Promise<void>;
}
