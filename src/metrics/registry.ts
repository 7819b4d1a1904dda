/**
 * The built-in metrics' registry: each entry gives the name a task file uses and how it scores
 * (`builtin.ts`). Adding a built-in metric is its comparison and one entry here; a metric of your
 * own needs no entry (`defineMetric`, or a module named by the task or `--metric`).
 */
import { registryNames } from "../registry.js";
import { contains, exactMatch, exactSet, f1, type MetricEntry } from "./builtin.js";

/** The registered metrics, the default first. */
export const METRIC_REGISTRY = [exactMatch, contains, f1, exactSet] as const;

/** The registered metrics' names (what a task's `metric` may be), the default first. */
export const METRICS = registryNames(METRIC_REGISTRY);
/** Name of a registered metric. */
export type MetricName = (typeof METRICS)[number];

/** The built-in metric `name`. */
export function metricEntry(name: MetricName): MetricEntry {
  return METRIC_REGISTRY.find((e) => e.name === name) ?? exactMatch;
}

/** Whether `name` is a built-in metric's. */
export function isMetricName(name: unknown): name is MetricName {
  return typeof name === "string" && METRICS.some((m) => m === name);
}
