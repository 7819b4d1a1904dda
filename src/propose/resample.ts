/**
 * Iterative Monte Carlo resampling: ask the proposer for semantic variants of the best candidates
 * so far. Each variant remembers its parent and round.
 */
import { deriveSeed } from "../random.js";
import { type ChildPrompt, childRequests, childrenOf } from "./children.js";
import { PROPOSAL_TEMPERATURE } from "./proposal.js";
import type { ProposalAsk, PromptContext, Proposer } from "./proposer.js";
import type { SampleSettings } from "./sample.js";

/** The prompt that asks for one variant of `instruction`. */
export function variationPrompt(instruction: string): string {
  return `Write a variation of the following instruction that keeps its meaning.\n\nInstruction:\n${instruction}\n\nVariation:`;
}

/** Resampling: `each` semantic variants of every parent. */
export const resampleProposer: Proposer = {
  name: "resample",
  propose: (o, ask) => childrenOf(o, prompts(ask), sampling(o, ask), "resample", ask.round),
  requests: (o, ask, routes) => childRequests(prompts(ask), sampling(o, ask), routes.completions),
};

function prompts(ask: ProposalAsk): ChildPrompt[] {
  return ask.parents.map((p) => ({ prompt: variationPrompt(p.text), parents: [{ text: p.text, shown: [] }] }));
}

function sampling(o: PromptContext, ask: ProposalAsk): Omit<SampleSettings, "key"> {
  return { n: ask.each, temperature: PROPOSAL_TEMPERATURE, seed: (i) => deriveSeed(o.seed, "resample", ask.round, i) };
}
