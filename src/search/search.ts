/**
 * The orchestrator: task → propose → select → resample ⟲ → finalize → store, with events out.
 * Every model call goes through a Gateway; every evaluation is committed as it completes, so a
 * run stopped by a crash, Ctrl-C or its budget continues where it was when run again.
 */
import { estimatePlan } from "../estimate/estimate.js";
import type { SearchEvent } from "../events.js";
import { Budget } from "../gateway/budget.js";
import type { Gateway } from "../gateway/gateway.js";
import { checkCostCap } from "../accounting/prices.js";
import { type Resolved, type SearchOptions, taskHash } from "../options/search-options.js";
import { type ResolvedSearch, resolveSearch } from "../options/resolve-search.js";
import { gatewayList, openModels, type RunGateways, runGateways, type SearchModels } from "./models.js";
import { judgeMetric } from "../metrics/judge.js";
import type { Metric } from "../metrics/metric.js";
import type { RunMetric } from "../metrics/resolve.js";
import { proposeInitial } from "../propose/propose.js";
import { RunRecord } from "./record.js";
import type { SearchResult } from "../result.js";
import { buildScorer } from "../score/build.js";
import { Evaluator } from "../score/evaluator.js";
import { TestScoring } from "./finalize.js";
import { runRounds } from "./rounds.js";
import { runRaceWidth } from "./race-width.js";
import { endRun, heartbeat, openRun } from "./run-lifecycle.js";
import { jobSignals, onAbort } from "../jobs/signals.js";
import { RunningTotals } from "./running-totals.js";
import type { Selector } from "../select/selector.js";
import { DEFAULT_DB } from "../store/database.js";
import { readResult } from "../read-result.js";
import { Store } from "../store/store.js";
import { loadTask } from "../task/index.js";
import type { Task } from "../task/types.js";

/** Find the best instruction for a task. Never prints; reports through `onEvent`. */
export function search(options: SearchOptions): Promise<SearchResult> {
  return searchTask(options);
}

/**
 * What a suite lends each of its tasks' searches (internal, not part of SearchOptions): the models
 * and their limits, and one budget, shared by every task; the run is linked to the suite.
 */
export interface SuiteShare {
  readonly suiteId: string;
  readonly models: SearchModels;
  readonly budget: Budget;
}

/** `search()`, or one task of a suite when `shared` is given (the store then comes as `options.db`). */
export async function searchTask(options: SearchOptions, shared?: SuiteShare): Promise<SearchResult> {
  const resolved = resolveSearch(options);
  const r = resolved.settings;
  const task = typeof options.task === "string" ? await loadTask(options.task) : options.task;
  const { selector, specs } = resolved;
  const metric = await resolved.runMetric(task);
  const config = resolved.runConfig(task, metric);
  const judge = metric.kind === "judge" ? specs.judge : undefined;
  checkCostCap(options.budget?.maxCostUsd, [specs.proposer, specs.target, ...(judge ? [judge] : [])], resolved.prices);
  // The estimates are reported, nothing else reads them: made only when someone listens.
  const plan = options.onEvent ? estimatePlan(task, resolved) : undefined;

  const ownStore = typeof options.db !== "object";
  const store = typeof options.db === "object" ? options.db : new Store(options.db ?? DEFAULT_DB);
  let models: SearchModels | undefined;
  const { stop, signal, release } = jobSignals(options.signal);
  try {
    const opened = openRun(store, options, {
      task: task.name,
      task_file: task.source,
      proposer: resolved.parts.proposer,
      target: resolved.parts.target,
      scorer: r.scorer,
      selector: selector.name,
      seed: r.seed,
      config: config.json,
      config_hash: config.hash,
      suite_id: shared?.suiteId,
    });
    if (opened.done) {
      const result = readResult(store, opened.done.id);
      options.onEvent?.({ type: "done", result });
      return result;
    }
    const { id: runId, previous } = opened;
    const emit = options.onEvent ?? (() => {});
    emit({ type: "start", runId, task: task.name, resumed: previous !== undefined });
    if (plan) emit({ type: "estimate", estimate: plan, basis: "plan" });

    const totals = new RunningTotals(emit);
    const stopHeartbeat = heartbeat(store, runId);
    const replayUpTo = previous ? store.lastCallId() : 0;
    const budget =
      shared?.budget ??
      new Budget(
        options.budget ?? {},
        previous
          ? { calls: previous.calls + failedTries(store, runId), tokens: previous.prompt_tokens + previous.completion_tokens, costUsd: previous.cost_usd }
          : undefined,
      );
    let gateways: RunGateways | undefined;
    try {
      store.recordTask(runId, taskHash(task), task);
      models = shared?.models ?? (await openModels({ ...specs, judge }, options, r, (p) => emit({ type: "download", ...p })));
      const running = runGateways(models, { store, runId, budget, replayUpTo, options, onCall: (call) => totals.add(call), signal });
      gateways = running;
      // Stopped (Ctrl-C, SIGTERM, the caller's signal): send nothing more; the requests in flight
      // are answered and recorded within the grace of `signal` (see jobSignals).
      onAbort(stop, () => {
        for (const g of gatewayList(running)) g.halt();
      });
      const raceWidth = runRaceWidth(previous?.config, r);
      await flow({ task, resolved, r, options, store, runId, gateways: running, metric, emit, selector, raceWidth, totals });
      store.setRunStatus(runId, "done");
    } catch (error) {
      // Let the calls already on the wire finish and be recorded (they are paid for), send no more.
      const all = gateways ? gatewayList(gateways) : [];
      for (const g of all) g.halt();
      await Promise.all(all.map((g) => g.idle()));
      throw endRun(store, runId, error, stop);
    } finally {
      stopHeartbeat();
    }
    const result = readResult(store, runId);
    emit({ type: "done", result });
    return result;
  } finally {
    release();
    if (!shared) await models?.close();
    if (ownStore) store.close();
  }
}

interface FlowContext {
  readonly task: Task;
  readonly resolved: ResolvedSearch;
  readonly r: Resolved;
  readonly options: SearchOptions;
  readonly store: Store;
  readonly runId: string;
  readonly gateways: RunGateways;
  /** The run's metric (a judge is asked through `gateways.judge`). */
  readonly metric: RunMetric;
  readonly emit: (e: SearchEvent) => void;
  readonly selector: Selector;
  /** The run's race width, as it began (see `runRaceWidth`). */
  readonly raceWidth: number;
  readonly totals: RunningTotals;
}

async function flow(c: FlowContext): Promise<void> {
  const { task, r, emit } = c;
  // The stages hand their results here; only the record writes them to the store.
  const record = new RunRecord(c.store, c.runId);
  emit({ type: "stage", stage: "probe", round: 0 });
  const scorer = await buildScorer(task, r, c.gateways.target, scoringMetric(c.metric, c.gateways.judge, r.seed));
  const probed = await Promise.all(gatewayList(c.gateways).map((g) => g.capabilities()));
  for (const message of new Set(probed.flatMap((caps) => caps.notices))) emit({ type: "notice", message });
  const evaluator = new Evaluator(scorer, (batch, done) => {
    record.evaluations(batch);
    c.totals.setEvaluations(done);
  });

  emit({ type: "stage", stage: "propose", round: 0 });
  const context = { task, proposer: c.gateways.proposer, demos: r.demos, seed: r.seed };
  const initial = record.admit(await proposeInitial(c.resolved.proposers.initial, context, r));
  const tests = new TestScoring({ task, evaluator, onScores: (id, scores) => record.testScore(id, scores) });
  tests.startReferences(record.references(task.references));
  emit({ type: "proposals", round: 0, added: initial.length, pool: initial.length });
  if (c.options.onEvent) {
    const proposed = { instructions: initial.map((x) => x.text), spent: c.totals.current };
    emit({ type: "estimate", estimate: estimatePlan(task, c.resolved, proposed), basis: "proposals" });
  }

  const outcome = await runRounds({
    ...c,
    evaluator,
    initial,
    admit: (proposals, parents) => record.admit(proposals, parents),
    onCertain: (winner) => tests.start(winner),
  });
  record.ranking(outcome.ranking);
  emit({ type: "stage", stage: "finalize", round: outcome.rounds });
  await tests.finish(outcome.ranking);
  record.result(outcome.ranking[0], evaluator.evaluations);
}

/** The metric answers are scored by: the one resolved, or the judge asking through its Gateway. */
function scoringMetric(metric: RunMetric, judge: Gateway | undefined, seed: number): Metric {
  if (metric.kind === "metric") return metric.metric;
  if (!judge) throw new Error("a judged run has no judge Gateway (the models were opened without the judge's)");
  return judgeMetric(metric.judge, judge, seed);
}

/** Tries of the run that failed: each was sent, so each counts against the call budget (the run's totals count only answers). */
function failedTries(store: Store, runId: string): number {
  return store.callTimings(runId).filter((c) => c.failed && !c.cached).length;
}
