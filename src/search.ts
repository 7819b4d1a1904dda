/**
 * The orchestrator: task → propose → select → resample ⟲ → finalize → store, with events out.
 * Every model call goes through a Gateway; every evaluation is committed as it completes, so a
 * run stopped by a crash, Ctrl-C or its budget continues where it was when run again.
 */
import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import { ApeError, BudgetError, CancelledError } from "./errors.js";
import type { SearchEvent, Totals } from "./events.js";
import { Budget } from "./model/budget.js";
import { createModel } from "./model/create.js";
import { Gateway, type CallEvent } from "./model/gateway.js";
import { DEFAULT_PRICES } from "./model/prices.js";
import { DEFAULT_MODEL, formatSpec, parseSpec } from "./model/spec.js";
import type { DownloadProgress } from "./model/gguf/gguf-options.js";
import type { Model } from "./model/types.js";
import { resolve, runConfig, type Resolved, type SearchOptions } from "./options.js";
import { proposeCandidates } from "./propose/propose.js";
import type { SearchResult } from "./result.js";
import { buildScorer } from "./score/build.js";
import { Evaluator } from "./score/evaluator.js";
import { finalize } from "./search/finalize.js";
import { runRounds } from "./search/rounds.js";
import { createSelector } from "./select/index.js";
import { DEFAULT_DB } from "./store/database.js";
import { readResult } from "./store/read-result.js";
import { Store } from "./store/store.js";
import { loadTask } from "./task/index.js";
import type { Task } from "./task/types.js";

export type { SearchOptions } from "./options.js";

/** Find the best instruction for a task. Never prints; reports through `onEvent`. */
export async function search(options: SearchOptions): Promise<SearchResult> {
  const r = resolve(options);
  const task = typeof options.task === "string" ? await loadTask(options.task) : options.task;
  const proposerSpec = parseSpec(options.proposer ?? options.model ?? DEFAULT_MODEL, options.baseUrls);
  const targetSpec = parseSpec(options.target ?? options.model ?? DEFAULT_MODEL, options.baseUrls);
  const selector = typeof options.selector === "object" ? options.selector : createSelector(options.selector ?? "multistage");
  const specs = { proposer: formatSpec(proposerSpec), target: formatSpec(targetSpec) };
  const config = runConfig(options, r, task, specs, selector.name);

  // Every request in flight listens to the signal; hundreds at once are expected, not a leak.
  if (options.signal) setMaxListeners(0, options.signal);
  const ownStore = typeof options.db !== "object";
  const store = typeof options.db === "object" ? options.db : new Store(options.db ?? DEFAULT_DB);
  const models: Model[] = [];
  try {
    const previous = options.resume === false ? undefined : store.findResumable(config.hash);
    const runId = previous?.id ?? randomUUID().slice(0, 8);
    if (!previous) {
      store.createRun({ id: runId, task: task.name, task_file: task.source, ...specs, scorer: r.scorer, selector: selector.name, seed: r.seed, config: config.json, config_hash: config.hash });
    } else {
      store.setRunStatus(runId, "running");
    }
    const emit = options.onEvent ?? (() => {});
    emit({ type: "start", runId, task: task.name, resumed: previous !== undefined });

    const modelOptions = {
      apiKey: options.apiKey,
      timeoutMs: options.timeoutMs,
      maxBatch: r.batch,
      gguf: { ...options.gguf, onDownloadProgress: (p: DownloadProgress) => emit({ type: "download", ...p }) },
    };
    const target = options.models?.target ?? (await createModel(targetSpec, modelOptions));
    models.push(target);
    const sameModel = specs.proposer === specs.target && !options.models?.proposer;
    const proposer = options.models?.proposer ?? (sameModel ? target : await createModel(proposerSpec, modelOptions));
    if (proposer !== target) models.push(proposer);

    const totals = new RunningTotals(emit);
    const budget = new Budget(options.budget ?? {}, previous ? { calls: previous.calls, tokens: previous.prompt_tokens + previous.completion_tokens, costUsd: previous.cost_usd } : undefined);
    const gateway = (model: Model, role: "proposer" | "target"): Gateway =>
      new Gateway({
        model, role, store, runId, budget,
        prices: options.prices ?? DEFAULT_PRICES,
        concurrency: r.concurrency,
        cache: options.cache ?? true,
        onCall: (call) => totals.add(call),
        signal: options.signal,
      });
    const gateways = { proposer: gateway(proposer, "proposer"), target: gateway(target, "target") };

    try {
      await flow({ task, r, options, store, runId, gateways, emit, selector, totals, targetModel: target });
      store.setRunStatus(runId, "done");
    } catch (error) {
      const status = error instanceof BudgetError ? "budget" : error instanceof CancelledError || options.signal?.aborted ? "cancelled" : "failed";
      store.setRunStatus(runId, status, error instanceof Error ? error.message : String(error));
      if (options.signal?.aborted && !(error instanceof ApeError)) throw new CancelledError();
      throw error;
    } finally {
      gateways.proposer.dispose();
      gateways.target.dispose();
    }
    const result = readResult(store, runId);
    emit({ type: "done", result });
    return result;
  } finally {
    await Promise.all(models.map((m) => m.close()));
    if (ownStore) store.close();
  }
}

interface FlowContext {
  readonly task: Task;
  readonly r: Resolved;
  readonly options: SearchOptions;
  readonly store: Store;
  readonly runId: string;
  readonly gateways: { readonly proposer: Gateway; readonly target: Gateway };
  readonly emit: (e: SearchEvent) => void;
  readonly selector: ReturnType<typeof createSelector>;
  readonly totals: RunningTotals;
  readonly targetModel: Model;
}

async function flow(c: FlowContext): Promise<void> {
  const { task, r, store, runId, emit } = c;
  emit({ type: "stage", stage: "probe", round: 0 });
  const scorer = await buildScorer(task, r, c.gateways.target, c.targetModel);
  const evaluator = new Evaluator(scorer, store, runId, (done) => c.totals.setEvaluations(done));

  emit({ type: "stage", stage: "propose", round: 0 });
  const initial = await proposeCandidates(c.gateways.proposer, task, r, store, runId);
  emit({ type: "proposals", round: 0, added: initial.length, pool: initial.length });

  const outcome = await runRounds({ ...c, evaluator, initial });
  emit({ type: "stage", stage: "finalize", round: outcome.rounds });
  await finalize({ task, store, runId, evaluator, ranking: outcome.ranking });
  store.setRunResult(runId, outcome.ranking[0]?.id ?? null, outcome.ranking[0]?.mean ?? null, evaluator.evaluations);
}

/** Totals of the run so far, sent with every call event. */
class RunningTotals {
  private t: Totals = { calls: 0, cachedCalls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0, evaluations: 0 };

  constructor(private readonly emit: (e: SearchEvent) => void) {}

  add(call: CallEvent): void {
    const t = this.t;
    this.t = {
      calls: t.calls + (call.cached ? 0 : 1),
      cachedCalls: t.cachedCalls + (call.cached ? 1 : 0),
      promptTokens: t.promptTokens + call.promptTokens,
      completionTokens: t.completionTokens + call.completionTokens,
      costUsd: t.costUsd + call.costUsd,
      evaluations: t.evaluations,
    };
    this.emit({ type: "call", call, totals: this.t });
  }

  setEvaluations(n: number): void {
    this.t = { ...this.t, evaluations: n };
  }
}
