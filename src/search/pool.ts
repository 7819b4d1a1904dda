/** Proposals entering the run: stored as candidates (one row per distinct text) and handed on with their ids. */
import type { Proposal } from "../propose/proposal.js";
import type { EvalCandidate } from "../score/evaluator.js";
import type { CandidateLog } from "../store/candidates.js";

/** Add proposals to the run's candidates; returns them with their ids (parents resolved by text). */
export function addToPool(
  store: CandidateLog,
  runId: string,
  proposals: readonly Proposal[],
  parents: ReadonlyMap<string, number> = new Map(),
): EvalCandidate[] {
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
  return proposals.map((p, i) => {
    const row = added[i];
    if (!row) throw new Error(`the store gave ${added.length} ids for ${proposals.length} proposals`);
    return { id: row.id, text: p.text };
  });
}
