/**
 * Which metric a run scores with, and what its identity holds of it. The metric given to the
 * search (`search({ metric })`, `--metric`) replaces the task's; either is a built-in's name, a
 * module of yours, an LLM judge, or (library only) a metric object. A module is loaded here, so
 * that its name and version can enter the run's identity before the run is opened.
 */
import { dirname } from "node:path";
import { UsageError } from "../errors.js";
import { option, say } from "../message.js";
import { identityText } from "../registry.js";
import type { Task } from "../task/types.js";
import { JUDGE_VERSION } from "./judge-prompt.js";
import { loadMetricModule } from "./load-module.js";
import { defineMetric, isMetric, type Metric } from "./metric.js";
import { metricEntry } from "./registry.js";
import { type JudgeSpec, type MetricSpec, metricLabel, metricSpecSchema } from "./spec.js";

/** A metric as a search takes it: a spec (a built-in's name, a module, a judge), or a metric of yours. */
export type MetricOption = Metric | MetricSpec;

/**
 * The metric a run scores with. `identity` is what the run's identity holds of it: undefined for
 * the task's own built-in metric (already part of the task's hash, as in runs stored before user
 * metrics), else its name and version (a judge's: its rubric, model and prompt version).
 */
export type RunMetric =
  | { readonly kind: "metric"; readonly metric: Metric; readonly identity: string | undefined }
  | { readonly kind: "judge"; readonly judge: JudgeSpec; readonly identity: string };

/** What else the metric's resolution depends on. */
export interface MetricContext {
  /** The judge's model spec (formatted), for a judge's identity. */
  readonly judgeModel: string;
  /** The run's scorer: only `exec` scores with a metric. */
  readonly scorer: string;
}

/** `given` checked: a metric, or a spec of the right shape. @throws UsageError naming `metric` otherwise. */
export function checkMetricOption(given: unknown): MetricOption | undefined {
  if (given === undefined || isMetric(given)) return given;
  const parsed = metricSpecSchema.safeParse(given);
  if (parsed.success) return parsed.data;
  throw new UsageError(
    say`${option("metric")} must be a built-in metric's name, {module, export}, {judge: {rubric}} or a metric ({name, version, score}, see defineMetric); got ${JSON.stringify(given) ?? typeof given}.`,
  );
}

/** The spec that applies to a run: the one given, else the task's (a metric object is no spec: undefined). */
export function effectiveSpec(task: Task, given: MetricOption | undefined): MetricSpec | undefined {
  if (given === undefined) return task.metric;
  return isMetric(given) ? undefined : given;
}

/**
 * Resolve the run's metric (loading a module where one is named).
 * @throws UsageError for a bad metric option, a module that cannot be loaded, or a metric with a scorer other than exec.
 */
export async function resolveMetric(task: Task, givenOption: unknown, context: MetricContext): Promise<RunMetric> {
  const given = checkMetricOption(givenOption);
  const spec = given ?? task.metric;
  const tasksOwn = typeof spec === "string" && spec === task.metric;
  if (!tasksOwn && context.scorer !== "exec")
    throw new UsageError(
      say`${option("scorer", context.scorer)} scores by the log-probability of the expected output and uses no metric, but this run's metric is ${isMetric(spec) ? spec.name : metricLabel(spec)}: it needs ${option("scorer", "exec")}.`,
    );
  if (isMetric(spec)) {
    const metric = defineMetric(spec);
    return { kind: "metric", metric, identity: versioned(metric) };
  }
  if (typeof spec === "string") return { kind: "metric", metric: metricEntry(spec), identity: tasksOwn ? undefined : spec };
  if ("judge" in spec) {
    const settings = { rubric: spec.judge.rubric, model: context.judgeModel, version: JUDGE_VERSION };
    return { kind: "judge", judge: spec.judge, identity: identityText({ name: "judge", settings }) };
  }
  const where = given === undefined ? say`task file ${task.source}: metric.module` : say`${option("metric")}`;
  const metric = await loadMetricModule(spec, given === undefined ? dirname(task.source) : process.cwd(), where);
  return { kind: "metric", metric, identity: versioned(metric) };
}

/** A metric's identity: its name and version. */
function versioned(metric: Metric): string {
  return identityText({ name: metric.name, settings: { version: metric.version } });
}
