/** What a suite will cost before it runs: each task's estimate (as `ape estimate --task` gives it) and their sum. */
import { resolve } from "../options.js";
import type { SuiteOptions } from "../suite/options.js";
import { loadSuiteTasks } from "../suite/task-files.js";
import { estimatePlan } from "./estimate.js";
import type { SuiteEstimate } from "./types.js";

/** Estimate a suite from its options (loads and checks its tasks as `suite()` does; calls no model). */
export async function estimateSuite(options: SuiteOptions): Promise<SuiteEstimate> {
  const { tasks: named, protocol, onEvent, ...settings } = options;
  const r = resolve(settings);
  const tasks = (await loadSuiteTasks(named, protocol)).map((task) => ({
    task: task.name,
    file: task.source,
    estimate: estimatePlan(task, { ...settings, task }, r),
  }));
  const sum = (pick: (e: SuiteEstimate["tasks"][number]["estimate"]) => number): number => tasks.reduce((n, t) => n + pick(t.estimate), 0);
  return {
    tasks,
    total: {
      calls: sum((e) => e.total.calls),
      promptTokens: sum((e) => e.total.promptTokens),
      completionTokens: sum((e) => e.total.completionTokens),
      costUsd: sum((e) => e.total.costUsd),
      evaluations: sum((e) => e.evaluations),
    },
  };
}
