/** What a suite will cost before it runs: each task's estimate (as `ape estimate --task` gives it) and their sum. */
import { type ResolvedSearch, resolveSearch } from "../options/resolve-search.js";
import type { SuiteOptions } from "../suite/options.js";
import { loadSuiteTasks } from "../task/task-files.js";
import type { Task } from "../task/types.js";
import { estimatePlan } from "./estimate.js";
import type { SuiteEstimate } from "./types.js";

/** Estimate a suite from its options (loads and checks its tasks as `suite()` does; calls no model). */
export async function estimateSuite(options: SuiteOptions): Promise<SuiteEstimate> {
  const { tasks, protocol, onEvent: _onEvent, ...settings } = options;
  return planSuite(await loadSuiteTasks(tasks, protocol), resolveSearch(settings));
}

/** The estimate of a suite whose tasks are loaded and settings resolved (what `suite()` reports at its start). */
export function planSuite(tasks: readonly Task[], search: ResolvedSearch): SuiteEstimate {
  const each = tasks.map((task) => ({ task: task.name, file: task.source, estimate: estimatePlan(task, search) }));
  const sum = (pick: (e: SuiteEstimate["tasks"][number]["estimate"]) => number): number => each.reduce((n, t) => n + pick(t.estimate), 0);
  return {
    tasks: each,
    total: {
      calls: sum((e) => e.total.calls),
      promptTokens: sum((e) => e.total.promptTokens),
      completionTokens: sum((e) => e.total.completionTokens),
      costUsd: sum((e) => e.total.costUsd),
      evaluations: sum((e) => e.evaluations),
    },
  };
}
