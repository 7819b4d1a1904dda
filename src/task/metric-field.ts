/**
 * The `metric` field of a task file: a built-in metric's name, a module of yours
 * (`{"module": "./my-metric.mjs", "export": "lenient"}`, the path relative to the task file) or an
 * LLM judge (`{"judge": {"rubric": "…"}}`). Checked here, with messages that say which forms there are.
 */
import type { TaskIssue } from "../errors.js";
import { METRICS } from "../metrics/registry.js";
import { judgeSpecSchema, type MetricSpec, moduleSpecSchema } from "../metrics/spec.js";
import { isRecord } from "../narrow.js";
import { issuesFromZod, kindOf } from "./issues.js";
import { quoted } from "./suggest.js";

const FORMS = `${METRICS.join(", ")}; or a metric of yours, {"module": "./my-metric.mjs", "export": "name"}; or a judge, {"judge": {"rubric": "…"}}`;

/** The metric a task file names (the default when it names none); problems go to `issues`. */
export function checkMetric(raw: unknown, issues: TaskIssue[]): MetricSpec {
  if (raw === undefined) return "exact_match";
  if (typeof raw === "string") {
    const name = METRICS.find((m) => m === raw);
    if (name !== undefined) return name;
    issues.push({ path: "metric", message: `unknown metric ${quoted(raw)}; valid metrics: ${FORMS}` });
    return "exact_match";
  }
  if (isRecord(raw) && ("module" in raw || "judge" in raw)) {
    const parsed = "module" in raw ? moduleSpecSchema.safeParse(raw, { reportInput: true }) : judgeSpecSchema.safeParse(raw, { reportInput: true });
    if (parsed.success) return parsed.data;
    issues.push(...issuesFromZod(parsed.error.issues, ["metric"]));
    return "exact_match";
  }
  issues.push({ path: "metric", message: `expected a metric name or object, got ${kindOf(raw)}; valid metrics: ${FORMS}` });
  return "exact_match";
}
