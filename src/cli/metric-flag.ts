/**
 * `--metric NAME|FILE#EXPORT`: a built-in metric by name, or a module of yours (the export `EXPORT`
 * of `FILE`, its default export without `#EXPORT`), replacing the task's metric. The path is made
 * absolute here, against the working directory, so that `ape resume` finds the module again
 * from anywhere.
 */
import { resolve } from "node:path";
import { UsageError } from "../errors.js";
import { METRICS } from "../metrics/registry.js";
import type { MetricSpec } from "../metrics/spec.js";

/** The metric `--metric` names (undefined when the flag is not given). @throws UsageError for an empty value. */
export function metricFromFlag(value: string | undefined): MetricSpec | undefined {
  if (value === undefined) return undefined;
  const name = METRICS.find((m) => m === value);
  if (name !== undefined) return name;
  const hash = value.lastIndexOf("#");
  const file = hash < 0 ? value : value.slice(0, hash);
  const exported = hash < 0 ? undefined : value.slice(hash + 1);
  if (file.trim() === "" || exported === "")
    throw new UsageError(
      `--metric needs a built-in metric (${METRICS.join(", ")}) or a module of yours as FILE#EXPORT, e.g. --metric ./my-metric.mjs#lenient (got "${value}").`,
    );
  return exported === undefined ? { module: resolve(file) } : { module: resolve(file), export: exported };
}
