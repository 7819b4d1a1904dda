/**
 * Iterative Monte Carlo resampling: ask the proposer for semantic variants of the best candidates
 * so far. Each variant remembers its parent and round.
 */
import type { Gateway } from "../model/gateway.js";
import { deriveSeed } from "../random.js";
import type { Proposal } from "./proposal.js";
import { sampleInstructions } from "./sample.js";

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
  const prompts = o.parents.map(variationPrompt);
  const texts = await sampleInstructions(o.proposer, prompts, {
    n: o.perParent,
    temperature: o.temperature,
    seed: (i) => deriveSeed(o.seed, "resample", o.round, i),
    key: (i) => `resample:${o.round}:${i}`,
  });
  return o.parents.flatMap((parent, i) =>
    (texts[i] ?? []).map((text) => ({
      text,
      origin: "resample" as const,
      demoIds: [],
      proposerPrompt: prompts[i] ?? "",
      parent,
      round: o.round,
    })),
  );
}
