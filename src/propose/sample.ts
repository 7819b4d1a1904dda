/**
 * The one way proposals are sampled: each prompt sent to the proposer (completion route where the
 * server has it, chat otherwise) for `n` instructions, one line each or (reflect, merge) a reply of
 * several lines, with a seed and a cache key per prompt.
 */
import type { Gateway } from "../gateway/gateway.js";
import type { GenerateRequest } from "../model/types.js";
import { cleanProposal } from "./proposal.js";
import { cleanReply } from "./reply.js";

/** How to sample. */
export interface SampleSettings {
  /** Instructions per prompt. */
  readonly n: number;
  readonly temperature: number;
  /** The sampling seed of prompt `i`. */
  readonly seed: (i: number) => number;
  /** The cache sample key of prompt `i` (so different purposes never share answers). */
  readonly key: (i: number) => string;
  /** `line`: an instruction on one line (stopped at the newline); `reply`: a reply of several lines to read one from. @default "line" */
  readonly shape?: "line" | "reply" | undefined;
}

/** Longest instruction asked for, in tokens. */
export const MAX_INSTRUCTION_TOKENS = 64;

/** Longest reply asked for where an instruction of several lines may come back, in tokens. */
export const MAX_REPLY_TOKENS = 256;

/** The requests that sample `prompts`: on the completions route where the proposer has it, chat otherwise. */
export function sampleRequests(prompts: readonly string[], s: Omit<SampleSettings, "key">, completions: boolean): GenerateRequest[] {
  return prompts.map((prompt, i) => ({
    prompt,
    route: completions ? "completion" : "chat",
    n: s.n,
    temperature: s.temperature,
    // A reply stops where the model would go on to write examples of its own.
    ...(s.shape === "reply" ? { maxTokens: MAX_REPLY_TOKENS, stop: ["\nInput:"] } : { maxTokens: MAX_INSTRUCTION_TOKENS, stop: ["\n"] }),
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
  const clean = s.shape === "reply" ? cleanReply : cleanProposal;
  return prompts.map((_, i) => (generations[i]?.texts ?? []).map(clean));
}
