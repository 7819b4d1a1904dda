/**
 * What an LLM judge is asked: grade one answer to one example by the task's rubric, with the
 * example's input and acceptable answers beside it, and reply with a score line and its reasons.
 * One request builder for the search and the estimate. The wording is versioned: a change to it
 * changes `JUDGE_VERSION`, which is part of a judged run's identity.
 */
import type { GenerateRequest } from "../model/types.js";
import type { Example } from "../task/example.js";

/** The version of the judge's prompt and of how its reply is read. */
export const JUDGE_VERSION = "1";

/** The top of the scale the judge is asked to score on (its score is divided by it). */
export const JUDGE_SCALE = 10;

/** Longest reply the judge may give, in tokens. */
export const JUDGE_MAX_TOKENS = 256;

/** A reply of typical length (for the estimate). */
export const TYPICAL_JUDGE_REPLY = "Score: 7\nReasons: The answer gives the expected label, but its explanation misses one of the rubric's points.";

/** The judge's prompt for `prediction` on `example`. */
export function judgePrompt(rubric: string, example: Example, prediction: string): string {
  return [
    "You grade one answer to a task by a rubric.",
    "",
    "Rubric:",
    rubric.trim(),
    "",
    "The task's input:",
    example.input,
    "",
    example.outputs.length === 1 ? "An acceptable answer:" : "Acceptable answers:",
    ...example.outputs.map((o) => (example.outputs.length === 1 ? o : `- ${o}`)),
    "",
    "The answer to grade:",
    prediction,
    "",
    `Grade the answer by the rubric. Reply with two lines: "Score: N", N a whole number from 0 (fails the rubric) to ${JUDGE_SCALE} (meets it fully), then "Reasons: " and why, in one or two sentences.`,
  ].join("\n");
}

/** The request that asks the judge about `prediction` on `example` (greedy, on `route`). */
export function judgeRequest(rubric: string, example: Example, prediction: string, seed: number, route: GenerateRequest["route"]): GenerateRequest {
  return { prompt: judgePrompt(rubric, example, prediction), route, n: 1, temperature: 0, maxTokens: JUDGE_MAX_TOKENS, seed };
}
