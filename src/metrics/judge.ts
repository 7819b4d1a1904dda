/**
 * The LLM judge as a metric: each answer (after extraction) is graded by the judge model through
 * its own Gateway, the run's third role (`judge`): cached (the same question is answered from the
 * store), budgeted with the run's other calls, recorded in `calls` with role `judge`. Its reasons
 * are the evaluation's feedback.
 */
import { option, say } from "../message.js";
import type { Gateway } from "../gateway/gateway.js";
import { MetricProblem } from "./checked.js";
import type { JudgeSpec } from "./spec.js";
import { JUDGE_VERSION, judgeRequest } from "./judge-prompt.js";
import { parseJudgeReply } from "./judge-reply.js";
import type { Metric } from "./metric.js";

/** What to do about a reply without a verdict: asking again gets the cached reply. */
const UNREADABLE = say`The reply is cached, so the same question gets it again: word the rubric more clearly, or choose another ${option("judgeModel")}, and search again (a new run).`;

/** The judge metric for `spec`, asking through `judge` (requests carry `seed`). */
export function judgeMetric(spec: JudgeSpec, judge: Gateway, seed: number): Metric {
  return {
    name: "judge",
    version: JUDGE_VERSION,
    async score(prediction, example) {
      const caps = await judge.capabilities();
      const [generation] = await judge.generate([judgeRequest(spec.rubric, example, prediction, seed, caps.chat ? "chat" : "completion")]);
      const verdict = parseJudgeReply(generation?.texts[0] ?? "");
      if (!verdict.ok) throw new MetricProblem(verdict.problem, UNREADABLE);
      return { score: verdict.score, feedback: verdict.reasons };
    },
  };
}
