/** Rebuilding a run's typed result from the store (for `search()`, `ape show` and exports). */
import { evaluationsOf } from "./store/run-status.js";
import { z } from "zod";
import { equalsReference, referenceRows, referenceTexts } from "./human-references.js";
import type { SearchResult, RankedCandidate, ReferenceResult } from "./result.js";
import type { StageRecord } from "./select/selector.js";
import type { FillPath } from "./model/types.js";
import type { CandidateReader } from "./store/candidates.js";
import type { EvaluationReader } from "./store/evaluations.js";
import type { SqlReader } from "./store/connection.js";
import type { CandidateRow } from "./store/rows.js";
import type { RunReader } from "./store/runs.js";

/** The result of run `runId` as stored now. */
export function readResult(
  store: RunReader & CandidateReader & Pick<EvaluationReader, "evaluationCount"> & Pick<SqlReader, "file">,
  runId: string,
): SearchResult {
  const run = store.getRun(runId);
  const rows = store.candidates(run.id);
  const ranked = rows.filter((c) => c.origin !== "reference");
  const humans = referenceRows(rows, run.config);
  const texts = referenceTexts(rows, run.config);
  const candidates = ranked.map(
    (c, i): RankedCandidate => ({
      id: c.id,
      rank: c.rank ?? i + 1,
      text: c.text,
      origin: c.origin,
      fillPath: c.fill_path as FillPath | null,
      parentId: c.parent_id,
      round: c.round,
      score: c.score,
      evalCount: c.eval_count,
      testScore: c.test_score,
      testCount: c.test_count,
      droppedAt: c.dropped_at,
      history: parseHistory(c),
      equalsReference: equalsReference(c.text, texts),
    }),
  );
  // A reference may have the same text as a proposed candidate (one row per text): found by text.
  const references = humans.map(
    (c): ReferenceResult => ({ id: c.id, text: c.text, score: c.score, evalCount: c.eval_count, testScore: c.test_score, testCount: c.test_count }),
  );
  return {
    runId: run.id,
    task: run.task,
    status: run.status,
    proposer: run.proposer,
    target: run.target,
    scorer: run.scorer,
    selector: run.selector,
    seed: run.seed,
    winner: candidates[0],
    candidates,
    references,
    totals: {
      calls: run.calls,
      cachedCalls: run.cached_calls,
      promptTokens: run.prompt_tokens,
      completionTokens: run.completion_tokens,
      costUsd: run.cost_usd,
      evaluations: evaluationsOf(store, run),
    },
    db: store.file,
  };
}

/** A candidate's stored stages (extra fields, such as the round, are kept as stored). */
const storedHistory = z.array(z.looseObject({ stage: z.number(), mean: z.number(), count: z.number() }));

function parseHistory(c: CandidateRow): StageRecord[] {
  if (!c.history) return [];
  const parsed = storedHistory.safeParse(JSON.parse(c.history));
  return parsed.success ? parsed.data : [];
}
