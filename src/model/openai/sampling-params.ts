/**
 * The sampling part of the backend's completions and chat requests: the fields each request
 * carries, how `n` samples are spread over requests, and which requests may share one call.
 */
import type OpenAI from "openai";
import type { Sampling } from "../types.js";

/** The sampling fields of a completions or chat request. */
export type SamplingParams = Pick<OpenAI.Completions.CompletionCreateParamsNonStreaming, "n" | "temperature" | "max_tokens" | "stop" | "seed">;

/** The sampling fields of request `r` of a call, asking `n` samples (each request its own seed). */
export function sampling(s: Sampling, n: number, r: number): SamplingParams {
  return {
    n,
    temperature: s.temperature,
    max_tokens: s.maxTokens,
    ...(s.stop && s.stop.length > 0 ? { stop: [...s.stop] } : {}),
    ...(s.seed !== undefined ? { seed: s.seed + r } : {}),
  };
}

/** `n` samples as requests of at most `most` samples each, in order (`most` may be `Infinity`: one request). */
export function sampleRounds(n: number, most: number): number[] {
  const rounds: number[] = [];
  for (let left = n; left > 0; left -= most) rounds.push(Math.min(left, most));
  return rounds;
}

/** Requests with the same sampling may share one call (a list of prompts). */
export function sameSampling(a: Sampling, b: Sampling): boolean {
  return (
    a.n === b.n &&
    a.temperature === b.temperature &&
    a.maxTokens === b.maxTokens &&
    a.seed === b.seed &&
    JSON.stringify(a.stop ?? []) === JSON.stringify(b.stop ?? [])
  );
}
