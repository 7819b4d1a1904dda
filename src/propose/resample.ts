/**
 * Iterative Monte Carlo resampling: ask the proposer for semantic variants of the best candidates
 * so far. Each variant remembers its parent and round.
 */
import { deriveSeed } from "../random.js";
import { PROPOSAL_TEMPERATURE, type Proposal } from "./proposal.js";
import type { ProposalAsk, ProposalContext, PromptContext, Proposer } from "./proposer.js";
import { type SampleSettings, sampleInstructions, sampleRequests } from "./sample.js";

/** The prompt that asks for one variant of `instruction`. */
export function variationPrompt(instruction: string): string {
  return `Write a variation of the following instruction that keeps its meaning.\n\nInstruction:\n${instruction}\n\nVariation:`;
}

/** Resampling: `each` semantic variants of every parent. */
export const resampleProposer: Proposer = {
  name: "resample",
  propose: (o, ask) => proposeVariants(o, ask),
  requests: (o, ask, routes) =>
    sampleRequests(ask.parents.map(variationPrompt), sampling(o, ask), routes.completions).map((request) => ({ kind: "generate", request })),
};

function sampling(o: PromptContext, ask: ProposalAsk): Omit<SampleSettings, "key"> {
  return { n: ask.each, temperature: PROPOSAL_TEMPERATURE, seed: (i) => deriveSeed(o.seed, "resample", ask.round, i) };
}

async function proposeVariants(o: ProposalContext, ask: ProposalAsk): Promise<Proposal[]> {
  const prompts = ask.parents.map(variationPrompt);
  const texts = await sampleInstructions(o.proposer, prompts, { ...sampling(o, ask), key: (i) => `resample:${ask.round}:${i}` });
  return ask.parents.flatMap((parent, i) =>
    (texts[i] ?? []).map((text) => ({
      text,
      origin: "resample" as const,
      demoIds: [],
      proposerPrompt: prompts[i] ?? "",
      parent,
      round: ask.round,
    })),
  );
}
