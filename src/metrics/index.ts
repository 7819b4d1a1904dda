/**
 * Metrics: the seam (`metric.ts`: a function of the prediction and the example, with a name and a
 * version), the built-in ones and their registry, the ways a task or a flag names a metric
 * (`spec.ts`) and how a run resolves the name to the metric it scores with (`resolve.ts`).
 */
import { bestMatch } from "./builtin.js";
import { metricEntry, type MetricName } from "./registry.js";

export { defineMetric, isMetric, normalize, type Metric, type MetricFunction, type MetricResult, type MetricValue } from "./metric.js";
export type { MetricEntry } from "./builtin.js";
export { METRIC_REGISTRY, METRICS, isMetricName, metricEntry, type MetricName } from "./registry.js";

/** Score a raw prediction against every acceptable output with the built-in `metric`; the best counts. In [0, 1]. */
export function scorePrediction(metric: MetricName, prediction: string, outputs: readonly string[]): number {
  return bestMatch(metricEntry(metric).compare, prediction, outputs);
}
