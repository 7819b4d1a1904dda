/**
 * Execution accuracy: the target answers each input under the instruction (greedy, within the
 * task's answer settings), the task's extraction picks what the metric sees, and the run's metric
 * scores it against the example (with feedback, where the metric gives some).
 */
import type { Gateway } from "../gateway/gateway.js";
import type { GenerateRequest } from "../model/types.js";
import { checkedScore } from "../metrics/checked.js";
import type { Metric } from "../metrics/metric.js";
import { answerSettings } from "../task/answer.js";
import type { Task } from "../task/types.js";
import { extractAnswer } from "./extract.js";
import { evalPrompt } from "./prompt.js";
import type { ScoreItem, Scored, Scorer } from "./scorer.js";

/** What the target's requests are made from. */
export interface ExecRequestContext {
  readonly task: Task;
  /** Rendered demos for templates that use `[full_DEMO]`. */
  readonly demos: string;
  /** How the eval template is sent (see `targetFormat`). */
  readonly format: "chat" | "completion";
  /** Seed sent with every request (answers are greedy, the seed only pins servers that use it). */
  readonly seed: number;
}

/** Settings of the execution-accuracy scorer. */
export interface ExecScorerOptions extends ExecRequestContext {
  readonly target: Gateway;
  /** The run's metric. */
  readonly metric: Metric;
}

/**
 * The request that asks the target for an item's answer (greedy, within the task's `answer`
 * settings): chat messages in the chat format; in the completion format, the text on the
 * completions route where the target has it (`completions`), else as one user turn on the chat route.
 */
export function execRequest(o: ExecRequestContext, item: ScoreItem, completions: boolean): GenerateRequest {
  const answer = answerSettings(o.task.answer);
  const p = evalPrompt(o.task, item, o.demos, o.format);
  return {
    ...(p.format === "chat" ? { prompt: p.messages, route: "chat" } : { prompt: p.prefix, route: completions ? "completion" : "chat" }),
    n: 1,
    temperature: 0,
    maxTokens: answer.maxTokens,
    ...(answer.stop.length > 0 ? { stop: [...answer.stop] } : {}),
    seed: o.seed,
  };
}

/** Build the execution-accuracy scorer. */
export function execScorer(o: ExecScorerOptions): Scorer {
  const { extract } = answerSettings(o.task.answer);
  return {
    name: "exec",
    async score(items: readonly ScoreItem[]): Promise<Scored[]> {
      const caps = await o.target.capabilities();
      const generations = await o.target.generate(items.map((item) => execRequest(o, item, caps.completions)));
      return Promise.all(
        items.map(async (item, i) => {
          const output = generations[i]?.texts[0] ?? "";
          const extracted = extractAnswer(output, extract);
          const scored = extracted.ok ? await checkedScore(o.metric, extracted.text, item.example) : { score: 0, feedback: extracted.feedback };
          return { ...scored, output: output.trim() };
        }),
      );
    },
  };
}
