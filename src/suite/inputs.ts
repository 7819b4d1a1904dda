/**
 * A suite's inputs, worked out before anything is stored: the settings every task shares, the
 * tasks (loaded and checked), and the suite's stored config, by which the same command finds it again.
 */
import { checkCostCap } from "../accounting/prices.js";
import { at } from "../at.js";
import type { ModelSpec } from "../model/types.js";
import type { SearchSettings } from "../options/search-options.js";
import { type ResolvedSearch, resolveSearch } from "../options/resolve-search.js";
import type { NewSuite } from "../store/suites.js";
import type { Task } from "../task/types.js";
import { type SuiteTaskEntry, suiteConfig } from "./config.js";
import { resolveParallel, type SuiteOptions } from "./options.js";
import { loadSuiteTasks } from "../task/task-files.js";

/** What a suite works from. */
export interface SuiteInputs {
  /** The search options every task's search gets (all but the suite's own). */
  readonly settings: SearchSettings;
  readonly resolved: ResolvedSearch;
  readonly tasks: readonly Task[];
  /** Per task: its file, name and the config hash of its run. */
  readonly entries: readonly SuiteTaskEntry[];
  /** The judge's model spec, when some task's metric is a judge (its model is opened only then). */
  readonly judge: ModelSpec | undefined;
  /** Tasks searched at once. */
  readonly parallel: number;
  /** The suite's row as a new suite would be stored (all but its id). */
  readonly fresh: Omit<NewSuite, "id">;
}

/**
 * The inputs of the suite `options` describe.
 * @throws UsageError naming the option or task file that is bad, or a cost cap the prices cannot check.
 */
export async function suiteInputs(options: SuiteOptions): Promise<SuiteInputs> {
  const { tasks: _tasks, parallel: _parallel, protocol: _protocol, suiteId: _suiteId, onEvent: _onEvent, ...settings } = options;
  const resolved = resolveSearch(settings);
  const parallel = resolveParallel(options.parallel);
  const tasks = await loadSuiteTasks(options.tasks, options.protocol);
  const metrics = await Promise.all(tasks.map((t) => resolved.runMetric(t)));
  // The judge's model is opened (and priced) only when some task's metric is a judge.
  const judge = metrics.some((m) => m.kind === "judge") ? resolved.specs.judge : undefined;
  checkCostCap(options.budget?.maxCostUsd, [resolved.specs.proposer, resolved.specs.target, ...(judge ? [judge] : [])], resolved.prices);
  const entries = tasks.map((t, i) => ({ file: t.source, name: t.name, hash: resolved.runConfig(t, at(metrics, i)).hash }));
  const config = suiteConfig(options, resolved.settings, resolved.parts, { tasks: entries, parallel, protocol: options.protocol });
  return { settings, resolved, tasks, entries, judge, parallel, fresh: { tasks: tasks.length, config: config.json, config_hash: config.hash } };
}
