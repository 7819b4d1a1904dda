/** The proposal strategies, by name, as the selectors are registered in `select/index.ts`. */
import { forwardProposer } from "./forward.js";
import type { Proposer } from "./proposer.js";
import { resampleProposer } from "./resample.js";
import { reverseProposer } from "./reverse.js";

export type { Proposer, ProposalAsk, ProposalContext } from "./proposer.js";

/** The built-in proposers: two that write an initial pool from demos, one that varies the best. */
export const PROPOSERS = { forward: forwardProposer, reverse: reverseProposer, resample: resampleProposer } as const satisfies Readonly<
  Record<string, Proposer>
>;

/** The proposers that write a run's initial pool for its `--mode`. */
export function initialProposers(mode: "forward" | "reverse" | "both"): readonly Proposer[] {
  return mode === "both" ? [PROPOSERS.forward, PROPOSERS.reverse] : [PROPOSERS[mode]];
}
