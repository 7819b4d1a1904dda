/** The proposal stage: forward and/or reverse proposals, cleaned, de-duplicated and stored. */
import type { Gateway } from "../model/gateway.js";
import type { Resolved } from "../options.js";
import type { EvalCandidate } from "../score/evaluator.js";
import type { CandidateLog } from "../store/candidates.js";
import type { Task } from "../task/types.js";
import { proposeForward } from "./forward.js";
import { dedupe, type Proposal } from "./proposal.js";
import { proposeReverse } from "./reverse.js";

/** Propose about `r.candidates` instructions by the run's mode and store the distinct ones. */
export async function proposeCandidates(proposer: Gateway, task: Task, r: Resolved, store: CandidateLog, runId: string): Promise<EvalCandidate[]> {
  const modes = r.mode === "both" ? (["forward", "reverse"] as const) : ([r.mode] as const);
  const perMode = Math.ceil(r.candidates / modes.length);
  const subsets = Math.min(r.subsets, perMode);
  const perSubset = Math.ceil(perMode / subsets);
  const all: Proposal[] = [];
  for (const mode of modes) {
    const o = { task, proposer, subsets, perSubset, demos: r.demos, seed: r.seed };
    all.push(...(mode === "forward" ? await proposeForward(o) : await proposeReverse(o)));
  }
  return storeProposals(store, runId, dedupe(all));
}

/** Add proposals to the run's candidates; returns them with their ids (parents resolved by text). */
export function storeProposals(store: CandidateLog, runId: string, proposals: readonly Proposal[], parents: ReadonlyMap<string, number> = new Map()): EvalCandidate[] {
  const added = store.addCandidates(
    runId,
    proposals.map((p) => ({
      text: p.text,
      origin: p.origin,
      fillPath: p.fillPath,
      parentId: p.parent === undefined ? undefined : parents.get(p.parent),
      round: p.round,
      demoIds: p.demoIds,
      proposerPrompt: p.proposerPrompt,
    })),
  );
  return proposals.map((p, i) => ({ id: (added[i] as { id: number }).id, text: p.text }));
}
