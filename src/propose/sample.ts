/**
 * The one way proposals are sampled: each prompt sent to the proposer (completion route where the
 * server has it, chat otherwise) for `n` one-line instructions, with a seed and a cache key per prompt.
 */
import type { Gateway } from "../model/gateway.js";
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

/** Cleaned instruction texts, `n` per prompt, in prompt order. */
export async function sampleInstructions(proposer: Gateway, prompts: readonly string[], s: SampleSettings): Promise<string[][]> {
  const caps = await proposer.capabilities();
  const generations = await proposer.generate(
    prompts.map((prompt, i) => ({
      prompt,
      route: caps.completions ? ("completion" as const) : ("chat" as const),
      n: s.n,
      temperature: s.temperature,
      maxTokens: MAX_INSTRUCTION_TOKENS,
      stop: ["\n"],
      seed: s.seed(i),
    })),
    prompts.map((_, i) => s.key(i)),
  );
  return prompts.map((_, i) => (generations[i]?.texts ?? []).map(cleanProposal));
}
