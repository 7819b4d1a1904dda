/** The proposal stage: the initial pool from the run's proposers, cleaned and de-duplicated. */
import type { Resolved } from "../options/search-options.js";
import { dedupe, type Proposal } from "./proposal.js";
import type { ProposalAsk, ProposalContext, Proposer } from "./proposer.js";

/** What each of `proposers` is asked for the initial pool: about `r.candidates` in all, shared evenly. */
export function initialAsk(proposers: number, r: Pick<Resolved, "candidates" | "subsets">): ProposalAsk {
  const perProposer = Math.ceil(r.candidates / proposers);
  const subsets = Math.min(r.subsets, perProposer);
  return { round: 0, subsets, each: Math.ceil(perProposer / subsets), parents: [] };
}

/** About `r.candidates` distinct instructions, the ask shared evenly among `proposers`. */
export async function proposeInitial(
  proposers: readonly Proposer[],
  context: ProposalContext,
  r: Pick<Resolved, "candidates" | "subsets">,
): Promise<Proposal[]> {
  const ask = initialAsk(proposers.length, r);
  const all: Proposal[] = [];
  for (const proposer of proposers) all.push(...(await proposer.propose(context, ask)));
  return dedupe(all);
}
