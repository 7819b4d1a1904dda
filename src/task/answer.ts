/**
 * A task's answer settings: how long the target's answer may be, where it stops, and what part of
 * it the metric sees (`extract`). The defaults are the instruction-induction tasks' (one line of at
 * most 48 tokens, as the original APE code asks); a free-form task (a reason, a JSON object, a
 * summary) sets its own. Part of the task's hash when they differ from the defaults.
 */
import { z } from "zod";
import { messageOf } from "../caught.js";
import type { TaskIssue } from "../errors.js";

/** What of the answer the metric is given: the first group of a regex (or its whole match), or a field of a JSON object in the answer. */
export type Extract = { readonly regex: string } | { readonly json: string };

/** How the target answers under execution scoring. */
export interface AnswerSettings {
  /** Longest answer, in tokens. @default 48 */
  readonly maxTokens: number;
  /** Stop strings: the answer ends before the first of them (at most 4, as OpenAI takes). @default ["\n"] */
  readonly stop: readonly string[];
  /** The part of the answer the metric sees; the whole answer when absent. */
  readonly extract?: Extract | undefined;
}

/** The instruction-induction tasks' answer: one line of at most 48 tokens, the metric sees it whole. */
export const DEFAULT_ANSWER: AnswerSettings = Object.freeze({ maxTokens: 48, stop: Object.freeze(["\n"]) });

/** The longest answer a task may ask for, in tokens. */
export const ANSWER_TOKEN_CAP = 32_768;

/** `answer` as a task file writes it; each field left out keeps its default. */
export const answerSchema = z.strictObject({
  maxTokens: z.number().int().min(1).max(ANSWER_TOKEN_CAP).optional(),
  stop: z.array(z.string().min(1).max(200)).max(4).optional(),
  extract: z.union([z.strictObject({ regex: z.string().min(1).max(2000) }), z.strictObject({ json: z.string().min(1).max(2000) })]).optional(),
});
/** The `answer` field as written in a file. */
export type AnswerFile = z.infer<typeof answerSchema>;

/** A task's answer settings with the defaults filled in. */
export function answerSettings(answer: Partial<AnswerSettings> | undefined): AnswerSettings {
  const settings = { maxTokens: answer?.maxTokens ?? DEFAULT_ANSWER.maxTokens, stop: answer?.stop ?? DEFAULT_ANSWER.stop };
  return answer?.extract === undefined ? settings : { ...settings, extract: answer.extract };
}

/** Whether `answer` is the default (so that tasks written before answer settings keep their hash). */
export function isDefaultAnswer(answer: AnswerSettings): boolean {
  return (
    answer.extract === undefined &&
    answer.maxTokens === DEFAULT_ANSWER.maxTokens &&
    answer.stop.length === DEFAULT_ANSWER.stop.length &&
    answer.stop.every((s, i) => s === DEFAULT_ANSWER.stop[i])
  );
}

/** Problems an extraction has beyond its shape: a regex that does not compile, a JSON path with an empty step. */
export function extractIssues(extract: Extract | undefined): TaskIssue[] {
  if (extract === undefined) return [];
  if ("regex" in extract) {
    try {
      new RegExp(extract.regex);
      return [];
    } catch (error) {
      return [{ path: "answer.extract.regex", message: `not a valid regular expression (${messageOf(error)})` }];
    }
  }
  return extract.json.split(".").some((step) => step === "")
    ? [
        {
          path: "answer.extract.json",
          message: `an empty step in the path ${JSON.stringify(extract.json)}; write fields and list positions joined by ".", e.g. "answer.label" or "items.0"`,
        },
      ]
    : [];
}
