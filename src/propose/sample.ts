/**
 * The one way proposals are sampled: each prompt sent to the proposer (completion route where the
 * server has it, chat otherwise) for `n` one-line instructions, with a seed and a cache key per prompt.
 */
import type { Gateway } from "../gateway/gateway.js";
import type { GenerateRequest } from "../model/types.js";
import { cleanProposal } from "./proposal.js";

/** How to sample. */
export interface SampleSettings {
  /** Instructions per prompt. */
  readonly n: number;
  readonly temperature: number;
  /** The sampling seed of prompt `i`. */
  readonly seed: (i: number) => number;
  /** The cache sample key of prompt `i` (so different purposes never share answers). */
  readonly key: (i: number) => string;
}

/** Longest instruction asked for, in tokens. */
export const MAX_INSTRUCTION_TOKENS = 64;

/** The requests that sample `prompts`: on the completions route where the proposer has it, chat otherwise. */
export function sampleRequests(prompts: readonly string[], s: Omit<SampleSettings, "key">, completions: boolean): GenerateRequest[] {
  return prompts.map((prompt, i) => ({
    prompt,
    route: completions ? "completion" : "chat",
    n: s.n,
    temperature: s.temperature,
    maxTokens: MAX_INSTRUCTION_TOKENS,
    stop: ["\n"],
    seed: s.seed(i),
  }));
}

/** Cleaned instruction texts, `n` per prompt, in prompt order. */
export async function sampleInstructions(proposer: Gateway, prompts: readonly string[], s: SampleSettings): Promise<string[][]> {
  const caps = await proposer.capabilities();
  const generations = await proposer.generate(
    sampleRequests(prompts, s, caps.completions),
    prompts.map((_, i) => s.key(i)),
  );
  return prompts.map((_, i) => (generations[i]?.texts ?? []).map(cleanProposal));
}
