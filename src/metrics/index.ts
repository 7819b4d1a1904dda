/**
 * The metrics' registry: each entry gives the name a task file uses and how it compares a
 * normalised prediction with a normalised acceptable output. A task's metric is part of its hash,
 * so of a run's identity. Adding a metric is its file and one entry here.
 */
import { registryNames } from "../registry.js";
import { contains, exactMatch, exactSet, f1 } from "./builtin.js";
import { normalize } from "./metric.js";

export { normalize, type MetricEntry } from "./metric.js";

/** The registered metrics, the default first. */
export const METRIC_REGISTRY = [exactMatch, contains, f1, exactSet] as const;

/** The registered metrics' names (what a task's `metric` may be), the default first. */
export const METRICS = registryNames(METRIC_REGISTRY);
/** Name of a registered metric. */
export type MetricName = (typeof METRICS)[number];

/** Score a raw prediction against every acceptable output with `metric`; the best counts. In [0, 1]. */
export function scorePrediction(metric: MetricName, prediction: string, outputs: readonly string[]): number {
  const compare = METRIC_REGISTRY.find((e) => e.name === metric)?.compare ?? exactMatch.compare;
  const p = normalize(prediction);
  let best = 0;
  for (const gold of outputs) best = Math.max(best, compare(p, normalize(gold)));
  return best;
}
