/**
 * The three kinds of call the Gateway makes (generate, logprobs, fill), each described once: how a
 * request is keyed in the cache, what it is estimated to cost in tokens, how many share one wire
 * request, whether an answer is whole, and how it is sent.
 */
import { requestTokens } from "../accounting/tokens.js";
import { at } from "../at.js";
import { sameSampling } from "../model/openai/sampling-params.js";
import type { Capabilities, FillRequest, Generation, GenerateRequest, LogprobRequest, LogprobResult, Model, Usage } from "../model/types.js";
import { wholeGeneration, wholeLogprobs } from "./answer-check.js";

/** How a kind of call is keyed, estimated, batched, sent and accounted. */
export interface CallHow<Q, R> {
  /** The kind, as the call's row and cache key name it. */
  readonly kind: string;
  readonly key: (request: Q, index: number) => unknown;
  readonly estimate: (request: Q) => { prompt: number; completion: number };
  readonly batch: (request: Q) => number;
  /** Whether `b` may share one wire request with `a` (the first of its group). */
  readonly joins: (a: Q, b: Q) => boolean;
  /** Whether `result` is a whole answer to `request` (anything else is never stored nor used). */
  readonly whole: (request: Q, result: unknown) => result is R;
  readonly send: (requests: Q[]) => Promise<R[]>;
  readonly usage: (result: R) => Usage;
}

/** Generations: completion-route requests with the same sampling share a wire request, up to what the server takes; `sampleKeys` tell samples apart in the cache. */
export function generateCall(
  model: Model,
  caps: Capabilities,
  sampleKeys: readonly string[] | undefined,
  signal: AbortSignal | undefined,
): CallHow<GenerateRequest, Generation> {
  return {
    kind: "generate",
    key: (r, i) => ({ ...r, sample: sampleKeys?.[i] ?? null }),
    estimate: (request) => requestTokens(model.spec.model, { kind: "generate", request }),
    batch: (r) => (r.route === "completion" ? caps.maxPromptsPerRequest : 1),
    joins: (a, b) => a.route === "completion" && b.route === "completion" && sameSampling(a, b),
    whole: wholeGeneration,
    send: (rs) => model.generate(rs, signal),
    usage: (g) => g.usage,
  };
}

/** Log-probs of continuations: any of them share a wire request, up to what the server takes. */
export function logprobsCall(model: Model, caps: Capabilities, signal: AbortSignal | undefined): CallHow<LogprobRequest, LogprobResult> {
  return {
    kind: "logprobs",
    key: (r) => r,
    estimate: (request) => requestTokens(model.spec.model, { kind: "logprobs", request }),
    // After chat messages each request is a call of its own (no server takes a list of chats).
    batch: (r) => (typeof r.prefix === "string" ? caps.maxPromptsPerRequest : 1),
    joins: (a, b) => typeof a.prefix === "string" && typeof b.prefix === "string",
    whole: (_request, result) => wholeLogprobs(result),
    send: (rs) => model.logprobs(rs, signal),
    usage: (g) => g.usage,
  };
}

/** A fill: one blank per wire request; `sampleKey` tells samples apart in the cache. */
export function fillCall(model: Model, sampleKey: string | undefined, signal: AbortSignal | undefined): CallHow<FillRequest, Generation> {
  return {
    kind: "fill",
    key: (r) => ({ ...r, sample: sampleKey ?? null }),
    estimate: (request) => requestTokens(model.spec.model, { kind: "fill", request }),
    batch: () => 1,
    joins: () => false,
    whole: wholeGeneration,
    send: async (rs) => [await model.fill(at(rs, 0), signal)],
    usage: (x) => x.usage,
  };
}
