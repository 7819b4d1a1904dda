/** The proposal stage: the initial pool from the run's proposers, cleaned and de-duplicated. */
import type { Resolved } from "../options.js";
import { dedupe, type Proposal } from "./proposal.js";
import type { ProposalContext, Proposer } from "./proposer.js";

/** About `r.candidates` distinct instructions, the ask shared evenly among `proposers`. */
export async function proposeInitial(proposers: readonly Proposer[], context: ProposalContext, r: Pick<Resolved, "candidates" | "subsets">): Promise<Proposal[]> {
  const perProposer = Math.ceil(r.candidates / proposers.length);
  const subsets = Math.min(r.subsets, perProposer);
  const ask = { round: 0, subsets, each: Math.ceil(perProposer / subsets), parents: [] };
  const all: Proposal[] = [];
  for (const proposer of proposers) all.push(...(await proposer.propose(context, ask)));
  return dedupe(all);
}
