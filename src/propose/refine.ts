/**
 * How a search refines its best candidates round after round (`--refine`): which refining
 * proposers a round asks, and for how many children of which parents. The rounds and the estimate
 * both read it, so the plan lists what a round asks.
 */
import { refineProposer } from "./index.js";
import type { Parent, ProposalAsk, Proposer } from "./proposer.js";

/**
 * `resample`: variants of each parent; `reflect`: improvements written from each parent's failures,
 * and a merge of the first two parents; `both`: each parent's children shared between reflection
 * and resampling, and the merge.
 */
export const REFINE_MODES = ["resample", "reflect", "both"] as const;
/** One refine mode. */
export type RefineMode = (typeof REFINE_MODES)[number];

/** One proposer of a mode: its children per parent for `variants` per parent in all, and whether it takes a pair. */
interface Share {
  readonly name: string;
  readonly each: (variants: number) => number;
  readonly pair: boolean;
}

const half = (variants: number): number => Math.ceil(variants / 2);
const merge: Share = { name: "merge", each: half, pair: true };

const SHARES: Readonly<Record<RefineMode, readonly Share[]>> = {
  resample: [{ name: "resample", each: (v) => v, pair: false }],
  reflect: [{ name: "reflect", each: (v) => v, pair: false }, merge],
  both: [{ name: "reflect", each: half, pair: false }, { name: "resample", each: (v) => v - half(v), pair: false }, merge],
};

/** One proposer and what it is asked in a round. */
export interface RefineAsk {
  readonly proposer: Proposer;
  readonly ask: ProposalAsk;
}

/**
 * What each proposer of `mode` is asked in `round`: `variants` children of every one of `parents`
 * (best first) in all, and half as many of a merge of the first two (none with one parent).
 */
export function refineAsks(mode: RefineMode, round: number, variants: number, parents: readonly Parent[]): RefineAsk[] {
  return SHARES[mode].flatMap((share) => {
    const each = share.each(variants);
    const asked = share.pair ? parents.slice(0, 2) : parents;
    if (each === 0 || asked.length < (share.pair ? 2 : 1)) return [];
    return [{ proposer: refineProposer(share.name), ask: { round, subsets: 0, each, parents: asked } }];
  });
}
