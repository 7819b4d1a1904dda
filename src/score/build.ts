/** Building the scorer a run asked for from the registry, and what it sends (for the estimate). */
import type { Gateway } from "../gateway/gateway.js";
import type { Metric } from "../metrics/metric.js";
import type { ModelRequest } from "../model/types.js";
import { evalDemos } from "../task/demos.js";
import { targetFormat } from "./format.js";
import type { TargetFormat, Task } from "../task/types.js";
import { type ScorerContext, type ScorerName, scorerEntry } from "./registry.js";
import type { ScoreItem, Scorer } from "./scorer.js";

/** What the run's scorer is built from, of the run's settings. */
export interface ScoreSettings {
  /** The scorer's registry name. */
  readonly scorer: ScorerName;
  /** Demos per subset: the size of the subset the eval template's `[full_DEMO]` shows. */
  readonly demos: number;
  /** The run's seed, which picks that subset. */
  readonly seed: number;
  /** The run's `--target-format` setting (the task decides under `auto`). */
  readonly targetFormat: TargetFormat;
}

/** What the run's scorer is made from: the demos for `[full_DEMO]` in the eval template are one seeded subset. */
function scorerContext(task: Task, r: ScoreSettings): ScorerContext {
  return { task, demos: evalDemos(task, r.demos, r.seed), seed: r.seed, format: targetFormat(task, r.targetFormat) };
}

/** The run's scorer, scoring answers by `metric`. */
export function buildScorer(task: Task, r: ScoreSettings, target: Gateway, metric: Metric): Promise<Scorer> {
  return scorerEntry(r.scorer).create(scorerContext(task, r), target, metric);
}

/**
 * What the run's scorer sends to score an item, made by the scorer's own request builders: one
 * answer request (chat messages in the chat format; in the completion format, on the completions
 * route where the target has it, chat otherwise) or one log-prob request per acceptable output.
 */
export function scoreRequests(task: Task, r: ScoreSettings, completions: boolean): (item: ScoreItem) => ModelRequest[] {
  const context = scorerContext(task, r);
  const entry = scorerEntry(r.scorer);
  return (item) => entry.requests(context, item, completions);
}
