/**
 * The summary of a suite, read from the store: per task, the winner's and the human references'
 * (their mean, see `human-score.ts`) test scores with 95% intervals and who won; across tasks, the IQM of each and the
 * wins, ties and losses (a tie when the two intervals overlap).
 */
import type { Totals } from "../result.js";
import { scoreInterval, type Interval } from "../stats/interval.js";
import type { RunRow, SuiteRow } from "../store/rows.js";
import { readResult } from "../read-result.js";
import type { ScoreStats } from "../store/evaluations.js";
import type { StoreReader } from "../store/store.js";
import { getSuite, suiteRuns } from "../store/suites.js";
import { evaluationsOf } from "../store/run-status.js";
import { readSuitePlan, type SuiteTaskEntry } from "./config.js";
import { humanScore } from "./human-score.js";
import { iqm } from "../stats/iqm.js";
import { addTotals } from "./tracker.js";
import type { Outcome, SuiteResult, SuiteTaskResult, TestScore } from "./result.js";

/** The result of suite `idOrPrefix` as stored now. */
export function summarizeSuite(store: StoreReader, idOrPrefix: string): SuiteResult {
  const suite: SuiteRow = getSuite(store, idOrPrefix);
  const plan = readSuitePlan(suite.config, suite.id);
  const runs = suiteRuns(store, suite.id);
  const tasks = plan.tasks.map((entry) => taskRow(store, entry, runs.filter((r) => r.config_hash === entry.hash).at(-1)));
  const compared = tasks.filter((t) => t.ape !== null && t.reference !== null);
  const count = (o: Outcome): number => tasks.filter((t) => t.outcome === o).length;
  return {
    suiteId: suite.id,
    status: suite.status,
    tasks,
    iqm: { ape: iqm(compared.map((t) => t.ape?.score ?? 0)) ?? null, reference: iqm(compared.map((t) => t.reference?.score ?? 0)) ?? null },
    record: { wins: count("win"), ties: count("tie"), losses: count("loss") },
    totals: sumTotals(runs),
    db: store.file,
  };
}

function taskRow(store: StoreReader, entry: SuiteTaskEntry, run: RunRow | undefined): SuiteTaskResult {
  const base = {
    task: entry.name,
    taskFile: entry.file,
    runId: run?.id ?? null,
    status: run?.status ?? ("pending" as const),
    evaluations: run ? evaluationsOf(store, run) : 0,
    calls: run?.calls ?? 0,
    costUsd: run?.cost_usd ?? 0,
  };
  if (!run) return { ...base, ape: null, apeIsReference: false, reference: null, difference: null, outcome: null };
  const result = readResult(store, run.id);
  const stats = new Map(store.scoreStats(run.id, "test").map((s) => [s.candidate_id, s]));
  const w = result.winner;
  const ape = w ? testScore(w.text, w.testScore, w.testCount, stats.get(w.id)) : null;
  const apeIsReference = w?.equalsReference ?? false;
  const reference = humanScore(store, run.id, result.references);
  if (!ape || !reference) return { ...base, ape, apeIsReference, reference, difference: null, outcome: null };
  return { ...base, ape, apeIsReference, reference, difference: ape.score - reference.score, outcome: outcome(ape, reference) };
}

function testScore(text: string, score: number | null, count: number, stats: ScoreStats | undefined): TestScore | null {
  if (score === null || count === 0) return null;
  return { text, score, count, interval: scoreInterval(stats) };
}

/** A tie when the 95% intervals overlap; without an interval a score stands for itself. */
export function outcome(ape: TestScore, reference: TestScore): Outcome {
  const a: Interval | undefined = ape.interval;
  const r: Interval | undefined = reference.interval;
  const [aLow, aHigh] = a ? [a.low, a.high] : [ape.score, ape.score];
  const [rLow, rHigh] = r ? [r.low, r.high] : [reference.score, reference.score];
  if (aLow > rHigh) return "win";
  if (aHigh < rLow) return "loss";
  return "tie";
}

const NO_TOTALS: Totals = { calls: 0, cachedCalls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0, evaluations: 0 };

function sumTotals(runs: readonly RunRow[]): Totals {
  const totals = runs.map(
    (r): Totals => ({
      calls: r.calls,
      cachedCalls: r.cached_calls,
      promptTokens: r.prompt_tokens,
      completionTokens: r.completion_tokens,
      costUsd: r.cost_usd,
      evaluations: r.evaluations,
    }),
  );
  return totals.reduce(addTotals, NO_TOTALS);
}
