/**
 * The proposal strategies' registry, as the selectors' is (`select/index.ts`): each entry gives
 * its name (what runs record in `candidates.origin`), its role (writing the first pool from demos,
 * or varying the best in resampling rounds) and how to make it. Proposers take no settings yet,
 * so a proposer's identity is its name. Adding one is its file and one entry here.
 */
import { UsageError } from "../errors.js";
import { forwardProposer } from "./forward.js";
import type { Proposer } from "./proposer.js";
import { resampleProposer } from "./resample.js";
import { reverseProposer } from "./reverse.js";

export type { Proposer, ProposalAsk, ProposalContext } from "./proposer.js";

/** One proposal strategy as the registry lists it. */
export interface ProposerEntry {
  readonly name: string;
  /** `initial`: writes the first pool from demos (chosen by `--mode`); `variants`: varies the best (resampling rounds). */
  readonly role: "initial" | "variants";
  readonly create: () => Proposer;
}

/** The registered proposers: two that write an initial pool from demos, one that varies the best. */
export const PROPOSER_REGISTRY: readonly ProposerEntry[] = [
  { name: "forward", role: "initial", create: () => forwardProposer },
  { name: "reverse", role: "initial", create: () => reverseProposer },
  { name: "resample", role: "variants", create: () => resampleProposer },
];

/** The proposer that varies the best when none is named. */
export const DEFAULT_VARIANTS = "resample";

/** The proposers that write a run's initial pool for its `--mode` (`both`: every initial one). */
export function initialProposers(mode: "forward" | "reverse" | "both"): readonly Proposer[] {
  return PROPOSER_REGISTRY.filter((e) => e.role === "initial" && (mode === "both" || e.name === mode)).map((e) => e.create());
}

/** The registered proposer `name` that varies the best. @throws UsageError for another name. */
export function variantsProposer(name: string = DEFAULT_VARIANTS): Proposer {
  const entry = PROPOSER_REGISTRY.find((e) => e.role === "variants" && e.name === name);
  if (entry === undefined) {
    const names = PROPOSER_REGISTRY.filter((e) => e.role === "variants").map((e) => e.name);
    throw new UsageError(`unknown resampling proposer "${name}"; use one of ${names.join(", ")}`);
  }
  return entry.create();
}
