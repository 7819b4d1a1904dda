/** The metric of each instruction-induction task, by name (as the paper scores them). */
import type { MetricName } from "../types.js";

const BY_NAME: Readonly<Record<string, MetricName>> = {
  common_concept: "f1",
  informal_to_formal: "f1",
  orthography_starts_with: "exact_set",
  taxonomy_animal: "exact_set",
  synonyms: "contains",
};

/** The metric for an instruction-induction task name; exact_match for any other. */
export function metricForTask(name: string): MetricName {
  return BY_NAME[name] ?? "exact_match";
}
