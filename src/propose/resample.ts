/**
 * Iterative Monte Carlo resampling: ask the proposer for semantic variants of the best candidates
 * so far. Each variant remembers its parent and round.
 */
import type { Gateway } from "../model/gateway.js";
import { deriveSeed } from "../random.js";
import { cleanProposal, type Proposal } from "./proposal.js";

/** The prompt that asks for one variant of `instruction`. */
export function variationPrompt(instruction: string): string {
  return `Write a variation of the following instruction that keeps its meaning.\n\nInstruction:\n${instruction}\n\nVariation:`;
}

/** Settings of one resampling round. */
export interface ResampleOptions {
  readonly proposer: Gateway;
  /** Instructions to vary, best first. */
  readonly parents: readonly string[];
  /** Variants asked for per parent. */
  readonly perParent: number;
  readonly round: number;
  readonly seed: number;
  /** @default 0.9 */
  readonly temperature?: number;
}

/** Ask for variants of each parent (before de-duplication). */
export async function proposeVariants(o: ResampleOptions): Promise<Proposal[]> {
  const caps = await o.proposer.capabilities();
  const prompts = o.parents.map(variationPrompt);
  const generations = await o.proposer.generate(
    prompts.map((prompt, i) => ({
      prompt,
      route: caps.completions ? ("completion" as const) : ("chat" as const),
      n: o.perParent,
      temperature: o.temperature ?? 0.9,
      maxTokens: 64,
      stop: ["\n"],
      seed: deriveSeed(o.seed, "resample", o.round, i),
    })),
    prompts.map((_, i) => `resample:${o.round}:${i}`),
  );
  return o.parents.flatMap((parent, i) =>
    (generations[i]?.texts ?? []).map((raw) => ({
      text: cleanProposal(raw),
      origin: "resample" as const,
      demoIds: [],
      proposerPrompt: prompts[i] ?? "",
      parent,
      round: o.round,
    })),
  );
}
