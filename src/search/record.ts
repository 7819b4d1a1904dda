/**
 * What the flow keeps of a run as results come in: the stages (propose, score, select, finalize)
 * hand their results to the flow and never touch the store; this is where the flow writes them.
 * Proposals become candidates (with ids), scores become evaluations as each batch completes (so a
 * crash loses only what was in flight), and selection's conclusions and the test scores are kept
 * with their candidates.
 */
import type { Proposal } from "../propose/proposal.js";
import type { EvalCandidate, ScoredBatch } from "../score/evaluator.js";
import type { CandidateLog } from "../store/candidates.js";
import type { EvaluationLog } from "../store/evaluations.js";
import type { LineageLog, ParentLink } from "../store/lineage.js";
import type { RunLog } from "../store/runs.js";
import type { CandidateOutcome } from "./rounds.js";

/** The run's record in the store. */
export class RunRecord {
  /** Writes into run `runId` of `store`. */
  constructor(
    private readonly store: CandidateLog & EvaluationLog & LineageLog & Pick<RunLog, "setRunResult">,
    private readonly runId: string,
  ) {}

  /**
   * Proposals entering the pool: stored as candidates (one row per distinct text) with their
   * lineage (parents resolved by text), returned with their ids.
   */
  admit(proposals: readonly Proposal[], parents: ReadonlyMap<string, number> = new Map()): EvalCandidate[] {
    const links = proposals.map((p) =>
      (p.parents ?? []).flatMap((l): ParentLink[] => {
        const parentId = parents.get(l.text);
        return parentId === undefined ? [] : [{ parentId, shown: l.shown }];
      }),
    );
    const added = this.store.addCandidates(
      this.runId,
      proposals.map((p, i) => ({
        text: p.text,
        origin: p.origin,
        fillPath: p.fillPath,
        parentId: links[i]?.[0]?.parentId,
        round: p.round,
        demoIds: p.demoIds,
        proposerPrompt: p.proposerPrompt,
      })),
    );
    return proposals.map((p, i) => {
      const row = added[i];
      if (!row) throw new Error(`the store gave ${added.length} ids for ${proposals.length} proposals`);
      const own = links[i] ?? [];
      if (own.length > 0) this.store.addLineage(row.id, own);
      return { id: row.id, text: p.text };
    });
  }

  /** The task's human reference instructions, as candidates of origin `reference`. */
  references(texts: readonly string[]): EvalCandidate[] {
    return texts.map((text) => ({ id: this.store.addCandidate(this.runId, { text, origin: "reference" }).id, text }));
  }

  /** One candidate's freshly scored examples of one split. */
  evaluations(batch: ScoredBatch): void {
    this.store.addEvaluations(this.runId, batch.candidateId, batch.split, batch.rows);
  }

  /** Selection's conclusions: each candidate's eval score, rank, when it was dropped and its history, in ranking order. */
  ranking(outcomes: readonly CandidateOutcome[]): void {
    outcomes.forEach((o, i) => {
      this.store.updateCandidate(o.id, { score: o.mean, evalCount: o.evalCount, rank: i + 1, droppedAt: o.droppedAt, history: o.history });
    });
  }

  /** A finalist's or reference's score on the test split. */
  testScore(candidateId: number, scores: readonly number[]): void {
    this.store.updateCandidate(candidateId, { testScore: scores.reduce((s, x) => s + x, 0) / scores.length, testCount: scores.length });
  }

  /** The run's winner, its eval score, and the evaluations scored. */
  result(winner: CandidateOutcome | undefined, evaluations: number): void {
    this.store.setRunResult(this.runId, winner?.id ?? null, winner?.mean ?? null, evaluations);
  }
}
