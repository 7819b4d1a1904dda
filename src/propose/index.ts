/**
 * The proposal strategies' registry, as the selectors' is (`select/index.ts`): each entry gives
 * its name (what runs record in `candidates.origin`), its role (writing the first pool from demos,
 * or refining the best in the rounds after it) and how to make it. Proposers take no settings, so
 * a proposer's identity is its name. Adding one is its file and one entry here.
 */
import { UsageError } from "../errors.js";
import { forwardProposer } from "./forward.js";
import { mergeProposer } from "./merge.js";
import type { Proposer } from "./proposer.js";
import { reflectProposer } from "./reflect.js";
import { resampleProposer } from "./resample.js";
import { reverseProposer } from "./reverse.js";

export type { Graded, Parent, Proposer, ProposalAsk, ProposalContext } from "./proposer.js";

/** One proposal strategy as the registry lists it. */
export interface ProposerEntry {
  readonly name: string;
  /** `initial`: writes the first pool from demos (chosen by `--mode`); `refine`: writes children of the best (chosen by `--refine`). */
  readonly role: "initial" | "refine";
  readonly create: () => Proposer;
}

/** The registered proposers: two that write an initial pool from demos, three that refine the best. */
export const PROPOSER_REGISTRY: readonly ProposerEntry[] = [
  { name: "forward", role: "initial", create: () => forwardProposer },
  { name: "reverse", role: "initial", create: () => reverseProposer },
  { name: "resample", role: "refine", create: () => resampleProposer },
  { name: "reflect", role: "refine", create: () => reflectProposer },
  { name: "merge", role: "refine", create: () => mergeProposer },
];

/** The proposers that write a run's initial pool for its `--mode` (`both`: every initial one). */
export function initialProposers(mode: "forward" | "reverse" | "both"): readonly Proposer[] {
  return PROPOSER_REGISTRY.filter((e) => e.role === "initial" && (mode === "both" || e.name === mode)).map((e) => e.create());
}

/** The registered proposer `name` that refines the best. @throws UsageError for another name. */
export function refineProposer(name: string): Proposer {
  const entry = PROPOSER_REGISTRY.find((e) => e.role === "refine" && e.name === name);
  if (entry === undefined) {
    const names = PROPOSER_REGISTRY.filter((e) => e.role === "refine").map((e) => e.name);
    throw new UsageError(`unknown refining proposer "${name}"; use one of ${names.join(", ")}`);
  }
  return entry.create();
}
