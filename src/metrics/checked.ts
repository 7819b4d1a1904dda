/**
 * Asking a metric for one example's score and holding it to its contract: a number in [0, 1], or
 * `{score, feedback}` with feedback as text. A metric that throws or answers anything else fails
 * the run with a MetricError naming the metric and the example; it is never scored as 0. Errors
 * of ape's own (a judge's budget stop, a cancel) pass through as they are.
 */
import { messageOf } from "../caught.js";
import { ApeError, MetricError } from "../errors.js";
import type { Message } from "../message.js";
import { isRecord } from "../narrow.js";
import type { Example } from "../task/example.js";
import type { Metric } from "./metric.js";

/** What a metric of ape's own (the judge) throws to say why it cannot score, in words of its own, and what to do. */
export class MetricProblem extends Error {
  constructor(
    message: string,
    /** What to do about it. */
    readonly hint: Message,
  ) {
    super(message);
  }
}

/** A checked score and its feedback (null when the metric gave none). */
export interface CheckedScore {
  readonly score: number;
  readonly feedback: string | null;
}

/** `metric`'s score of `prediction` on `example`, checked. @throws MetricError when the metric throws or gives no score in [0, 1]. */
export async function checkedScore(metric: Metric, prediction: string, example: Example): Promise<CheckedScore> {
  let value: unknown;
  try {
    value = await metric.score(prediction, example);
  } catch (error) {
    if (error instanceof ApeError) throw error;
    if (error instanceof MetricProblem) throw new MetricError(metric.name, example.id, error.message, { cause: error, hint: error.hint });
    throw new MetricError(metric.name, example.id, `it threw: ${messageOf(error)}`, { cause: error });
  }
  const fail = (problem: string): MetricError => new MetricError(metric.name, example.id, problem);
  const score = typeof value === "number" ? value : isRecord(value) ? value.score : undefined;
  const feedback = isRecord(value) ? value.feedback : undefined;
  if (typeof score !== "number") throw fail(`it returned ${shown(value)}; a metric returns a number in [0, 1] or {score, feedback}`);
  if (!Number.isFinite(score) || score < 0 || score > 1) throw fail(`it returned the score ${score}, outside [0, 1]`);
  if (feedback !== undefined && feedback !== null && typeof feedback !== "string") throw fail(`its feedback is ${shown(feedback)}, not text`);
  return { score, feedback: typeof feedback === "string" && feedback !== "" ? feedback : null };
}

function shown(value: unknown): string {
  if (value === undefined) return "undefined";
  const text = typeof value === "function" ? "a function" : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
