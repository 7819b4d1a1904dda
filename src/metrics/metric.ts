/**
 * The metric seam: how one answer of the target to one example is scored. A metric is a function
 * of the prediction and the example, sync or async, that returns a score in [0, 1] (and, if it
 * likes, written feedback), with a stable name and version: both are part of a run's identity, so
 * a run scored by another version of a metric is another run. The built-in metrics (`builtin.ts`)
 * are metrics like any other; each normalises the texts it compares itself.
 */
import { UsageError } from "../errors.js";
import { option, say } from "../message.js";
import type { Example } from "../task/example.js";

/** What a metric says of one prediction: its score in [0, 1] and, optionally, why. */
export interface MetricResult {
  readonly score: number;
  /** Written feedback (a judge's reasons, what your metric found): stored with the evaluation, shown by `ape show --candidate`. */
  readonly feedback?: string | undefined;
}

/** A metric's answer: a bare score in [0, 1], or a score with feedback. */
export type MetricValue = number | MetricResult;

/**
 * Score one prediction: the target's answer as it came (after the task's `answer.extract`, if
 * any; never normalised) against the example (its `id`, `input` and acceptable `outputs`).
 * May be async. Throwing fails the run (a metric that cannot score an example is a bug to fix,
 * never a silent 0).
 */
export type MetricFunction = (prediction: string, example: Example) => MetricValue | Promise<MetricValue>;

/** A metric with its identity. */
export interface Metric {
  /** A stable name, e.g. `"my-f1"`: part of the run's identity. */
  readonly name: string;
  /** Its version: change it whenever the scores would change, so that such a run is a new run. */
  readonly version: string;
  readonly score: MetricFunction;
}

/**
 * A metric of your own, for `search({ metric })` or a module named by `--metric FILE#EXPORT`:
 *
 * ```ts
 * export const lenient = defineMetric({
 *   name: "lenient",
 *   version: "2",
 *   score: (prediction, example) =>
 *     example.outputs.some((o) => prediction.toLowerCase().includes(o.toLowerCase()))
 *       ? 1
 *       : { score: 0, feedback: `expected one of ${example.outputs.join(", ")}` },
 * });
 * ```
 *
 * @throws UsageError when the name or version is empty or `score` is not a function.
 */
export function defineMetric(metric: Metric): Metric {
  if (typeof metric.name !== "string" || metric.name.trim() === "") throw new UsageError(say`${option("metric")}: a metric needs a name (a non-empty string).`);
  if (typeof metric.version !== "string" || metric.version.trim() === "")
    throw new UsageError(say`${option("metric")}: metric ${metric.name} needs a version (a non-empty string, e.g. "1").`);
  if (typeof metric.score !== "function") throw new UsageError(say`${option("metric")}: metric ${metric.name} needs a score function.`);
  return Object.freeze({ name: metric.name, version: metric.version, score: metric.score });
}

/** Whether `value` is a metric (what `defineMetric` returns, or an object of the same shape). */
export function isMetric(value: unknown): value is Metric {
  return (
    typeof value === "object" &&
    value !== null &&
    "name" in value &&
    typeof value.name === "string" &&
    "version" in value &&
    typeof value.version === "string" &&
    "score" in value &&
    typeof value.score === "function"
  );
}

/**
 * Normalise a prediction or a gold output, in the original code's order: drop " and " and the
 * "Sentence 1:"/"Sentence 2:" labels, trim, keep the first line and the text before the first ".",
 * lower-case, turn "-" into a space, remove punctuation; we also collapse runs of spaces. The
 * built-in metrics apply it to both sides; a metric of your own sees the texts as they are.
 */
export function normalize(text: string): string {
  let t = text
    .replace(/ and /g, " ")
    .replace(/Sentence 1:|Sentence 2:/g, " ")
    .trim();
  t = t.split("\n")[0] ?? "";
  t = t.split(".")[0] ?? "";
  t = t.toLowerCase();
  t = t.replace(/-/g, " ");
  t = t.replace(/[\p{P}\p{S}]/gu, "");
  return t.replace(/\s+/g, " ").trim();
}
