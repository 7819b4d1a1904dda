/**
 * What the refining proposers (resample, reflect, merge) share: each builds prompts from its
 * parents, samples `n` instructions per prompt, and makes each sample a child that remembers its
 * parents (and the examples of them shown), its prompt and its round.
 */
import type { GenerateRequest, ModelRequest } from "../model/types.js";
import type { Origin } from "../store/schema.js";
import type { Proposal, ProposalParent } from "./proposal.js";
import type { ProposalContext } from "./proposer.js";
import { type SampleSettings, sampleInstructions, sampleRequests } from "./sample.js";

/** One prompt to the proposer and the candidates its children refine. */
export interface ChildPrompt {
  readonly prompt: string;
  readonly parents: readonly ProposalParent[];
}

/** The requests that sample children of `asked` (what `childrenOf` sends, and the estimate lists). */
export function childRequests(asked: readonly ChildPrompt[], s: Omit<SampleSettings, "key">, completions: boolean): ModelRequest[] {
  return sampleRequests(
    asked.map((a) => a.prompt),
    s,
    completions,
  ).map((request: GenerateRequest): ModelRequest => ({ kind: "generate", request }));
}

/** `s.n` children of `origin` per prompt of `asked`, made in `round` (cache keys `origin:round:i`). */
export async function childrenOf(
  o: ProposalContext,
  asked: readonly ChildPrompt[],
  s: Omit<SampleSettings, "key">,
  origin: Origin,
  round: number,
): Promise<Proposal[]> {
  const texts = await sampleInstructions(
    o.proposer,
    asked.map((a) => a.prompt),
    { ...s, key: (i) => `${origin}:${round}:${i}` },
  );
  return asked.flatMap((a, i) =>
    (texts[i] ?? []).map((text): Proposal => ({ text, origin, demoIds: [], proposerPrompt: a.prompt, parents: a.parents, round })),
  );
}
