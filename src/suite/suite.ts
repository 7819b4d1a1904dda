/**
 * A suite: one search per task, several at once, over models opened once, so the concurrency,
 * rate limits, request size, cache and budget hold for the whole suite and a task waiting on its
 * calls never holds up the others. Stored as a row of `suites` linking its runs: stopped by Ctrl-C,
 * a kill or its budget, it continues (`ape resume SUITE`, or the same command) without redoing a
 * finished task or paying for a finished call again.
 */
import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import pLimit from "p-limit";
import { at } from "../at.js";
import { planSuite } from "../estimate/suite.js";
import { ApeError, BudgetError, CancelledError, partsOf, UsageError } from "../errors.js";
import { type Message, option, resumeRef, say } from "../message.js";
import { Budget } from "../model/budget.js";
import { checkCostCap } from "../model/prices.js";
import type { SearchSettings } from "../options.js";
import { resolveSearch } from "../options/resolve-search.js";
import { searchTask } from "../search.js";
import { openModels, type SearchModels } from "../search/models.js";
import { DEFAULT_DB } from "../store/database.js";
import { HEARTBEAT_MS } from "../store/owner.js";
import type { SuiteRow } from "../store/rows.js";
import type { RunStatus } from "../store/schema.js";
import { asStorageError } from "../store/storage-fault.js";
import { Store } from "../store/store.js";
import { claimSuite, createSuite, findResumableSuite, getSuite, setSuiteStatus, suiteRuns, touchSuite } from "../store/suites.js";
import { suiteConfig } from "./config.js";
import { resolveParallel, type SuiteOptions } from "./options.js";
import type { SuiteResult } from "./result.js";
import { summarizeSuite } from "./summary.js";
import { loadSuiteTasks } from "./task-files.js";
import { SuiteTracker } from "./tracker.js";

/** Search every task of a suite and summarise ape against the human references. Never prints. */
export async function suite(options: SuiteOptions): Promise<SuiteResult> {
  const { tasks: _tasks, parallel: _parallel, protocol: _protocol, suiteId: _suiteId, onEvent: _onEvent, ...settings } = options;
  const taskOptions: SearchSettings = settings;
  const resolved = resolveSearch(taskOptions);
  const { settings: r, specs, parts } = resolved;
  const parallel = resolveParallel(options.parallel);
  const tasks = await loadSuiteTasks(options.tasks, options.protocol);
  const metrics = await Promise.all(tasks.map((t) => resolved.runMetric(t)));
  // The judge's model is opened (and priced) only when some task's metric is a judge.
  const judge = metrics.some((m) => m.kind === "judge") ? specs.judge : undefined;
  checkCostCap(options.budget?.maxCostUsd, [specs.proposer, specs.target, ...(judge ? [judge] : [])], resolved.prices);
  const entries = tasks.map((t, i) => ({ file: t.source, name: t.name, hash: resolved.runConfig(t, at(metrics, i)).hash }));
  const config = suiteConfig(options, r, parts, { tasks: entries, parallel, protocol: options.protocol });

  const ownStore = typeof options.db !== "object";
  const store = typeof options.db === "object" ? options.db : new Store(options.db ?? DEFAULT_DB);
  const emit = options.onEvent ?? (() => {});
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const onAbort = (): void => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  let models: SearchModels | undefined;
  try {
    const previous = findSuiteToContinue(store, options, config.hash);
    if (previous?.status === "done") {
      const result = summarizeSuite(store, previous.id);
      emit({ type: "suite-done", result });
      return result;
    }
    // A suite another live process is running is refused (claimSuite says so), never started twice.
    if (previous) claimSuite(store, previous.id);
    const suiteId = previous?.id ?? randomUUID().slice(0, 8);
    if (!previous) createSuite(store, { id: suiteId, tasks: tasks.length, config: config.json, config_hash: config.hash });
    const runs = suiteRuns(store, suiteId);
    const runOf = (hash: string) => runs.filter((run) => run.config_hash === hash).at(-1);
    const before = summarizeSuite(store, suiteId).totals;
    const doneBefore = entries.filter((e) => runOf(e.hash)?.status === "done").length;
    const tracker = new SuiteTracker(tasks.length, doneBefore, before);
    const estimate = planSuite(tasks, resolved);
    emit({ type: "suite-start", suiteId, tasks: tasks.length, resumed: previous !== undefined, counts: tracker.counts(), estimate });

    const heartbeat = setInterval(() => {
      try {
        touchSuite(store, suiteId);
      } catch {
        // A busy disk: the next beat tries again.
      }
    }, HEARTBEAT_MS).unref();
    const failures: Failure[] = [];
    let stopping = false;
    try {
      // What the suite spent before counts against its budget, as a resumed run's does.
      const budget = new Budget(options.budget ?? {}, { calls: before.calls, tokens: before.promptTokens + before.completionTokens, costUsd: before.costUsd });
      models = await openModels({ ...specs, judge }, options, r, (p) => emit({ type: "download", ...p }));
      const shared = { suiteId, models, budget };
      const limit = pLimit(parallel);
      await Promise.all(
        tasks.map((task, index) => {
          const previousRun = runOf(entries[index]?.hash ?? "");
          if (previousRun?.status === "done") {
            emit({ type: "task-end", task: task.name, index, runId: previousRun.id, status: "done", error: undefined });
            return undefined;
          }
          return limit(async () => {
            if (stopping || controller.signal.aborted) return;
            let runId = previousRun?.id;
            tracker.start();
            emit({ type: "suite-progress", counts: tracker.counts() });
            try {
              await searchTask(
                {
                  ...taskOptions,
                  task,
                  db: store,
                  runId,
                  resume: false,
                  signal: controller.signal,
                  onEvent: (event) => {
                    if (event.type === "start") runId = event.runId;
                    emit({ type: "task", task: task.name, index, event });
                    if (event.type === "call") {
                      tracker.totals(index, event.totals);
                      emit({ type: "suite-progress", counts: tracker.counts() });
                    }
                  },
                },
                shared,
              );
              tracker.end(true);
              emit({ type: "suite-progress", counts: tracker.counts() });
              emit({ type: "task-end", task: task.name, index, runId, status: "done", error: undefined });
            } catch (error) {
              tracker.end(false);
              // The run stored the cause itself (a search's error adds how to resume that one run).
              const cause = runId === undefined ? undefined : (store.getRun(runId).error ?? undefined);
              failures.push({ task: task.name, runId, error, cause });
              // A spent budget or a cancel stops the suite: start no other task.
              if (error instanceof BudgetError || error instanceof CancelledError) stopping = true;
              emit({ type: "suite-progress", counts: tracker.counts() });
              emit({
                type: "task-end",
                task: task.name,
                index,
                runId,
                status: statusOf(error, controller.signal),
                error: cause ?? (error instanceof Error ? error.message : String(error)),
              });
            }
          });
        }),
      );
    } catch (error) {
      failures.push({ task: "", runId: undefined, error, cause: undefined });
    } finally {
      clearInterval(heartbeat);
    }
    const first =
      failures.find((f) => statusOf(f.error, controller.signal) === "cancelled") ?? failures.find((f) => f.error instanceof BudgetError) ?? failures[0];
    const status: RunStatus = first ? statusOf(first.error, controller.signal) : "done";
    const message = first ? (first.error instanceof Error ? first.error.message : String(first.error)) : undefined;
    setSuiteStatus(store, suiteId, status, message);
    if (first) throw suiteError(suiteId, status, first, store.file);
    const result = summarizeSuite(store, suiteId);
    emit({ type: "suite-done", result });
    return result;
  } catch (error) {
    throw asStorageError(error, store.file, "write the results database");
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    await models?.close();
    if (ownStore) store.close();
  }
}

/** A task that ended without finishing: its error, and the cause its run stored. */
interface Failure {
  readonly task: string;
  readonly runId: string | undefined;
  readonly error: unknown;
  readonly cause: string | undefined;
}

/** The suite to continue: the one named by `suiteId`, else the newest unfinished one with this config. */
function findSuiteToContinue(store: Store, options: SuiteOptions, hash: string): SuiteRow | undefined {
  if (options.suiteId !== undefined) {
    const found = getSuite(store, options.suiteId);
    if (found.config_hash !== hash) {
      throw new UsageError(
        `suite ${found.id} was started with other settings or other task files; it cannot be continued with these. Restore the task files, or start a new suite.`,
      );
    }
    return found;
  }
  return options.resume === false ? undefined : findResumableSuite(store, hash);
}

function statusOf(error: unknown, signal: AbortSignal): RunStatus {
  if (error instanceof BudgetError) return "budget";
  if (signal.aborted || error instanceof CancelledError) return "cancelled";
  return "failed";
}

/**
 * The error a stopped suite throws: the task's own kind (and exit code), saying how to continue
 * it in the database file `db`.
 */
function suiteError(suiteId: string, status: RunStatus, f: Failure, db: string): unknown {
  const resume = resumeRef(suiteId, "suite", db);
  if (status === "budget")
    return new BudgetError(
      say`suite ${suiteId} stopped: ${causeOf(f)}. Continue it with ${resume} and a larger budget (e.g. ${option("budget.maxCalls")}, ${option("budget.maxTokens")}, ${option("budget.maxCostUsd")}); finished tasks are kept.`,
    );
  if (status === "cancelled") return new CancelledError(say`suite ${suiteId} cancelled; continue it with ${resume} (finished tasks and calls are kept).`);
  if (!(f.error instanceof ApeError)) return f.error;
  const where = f.task ? `task ${f.task}${f.runId ? ` (run ${f.runId})` : ""}` : "its models";
  return new ApeError(
    say`suite ${suiteId}: ${where} failed: ${causeOf(f)}\nFix that, then continue with ${resume}; finished tasks are kept.`,
    f.error.exitCode,
    {
      cause: f.error,
    },
  );
}

/** What stopped a task, as its run stored it: a budget stop's own cause (the run's error adds how to resume that run alone). */
function causeOf(f: Failure): Message {
  if (f.error instanceof BudgetError && f.error.cause !== undefined) return partsOf(f.error.cause);
  return f.cause === undefined || f.error instanceof ApeError ? partsOf(f.error) : [f.cause];
}
