/**
 * Execution accuracy: the target answers each input under the instruction (greedy), and the answer
 * is compared with the acceptable outputs by the task's metric.
 */
import type { Gateway } from "../gateway/gateway.js";
import type { GenerateRequest } from "../model/types.js";
import type { Task } from "../task/types.js";
import { scorePrediction } from "../metrics/index.js";
import { evalPrompt } from "./prompt.js";
import type { ScoreItem, Scored, Scorer } from "./scorer.js";

/** Longest answer the target may give under execution scoring, in tokens. */
export const MAX_ANSWER_TOKENS = 48;

/** Settings of the execution-accuracy scorer. */
export interface ExecScorerOptions {
  readonly task: Task;
  readonly target: Gateway;
  /** Rendered demos for templates that use `[full_DEMO]`. */
  readonly demos: string;
  /** How the eval template is sent (see `targetFormat`). */
  readonly format: "chat" | "completion";
  /** Seed sent with every request (answers are greedy, the seed only pins servers that use it). */
  readonly seed: number;
  /** Longest answer, in tokens. @default MAX_ANSWER_TOKENS */
  readonly maxTokens?: number;
}

/**
 * The request that asks the target for an item's answer (greedy, one line): chat messages in the
 * chat format; in the completion format, the text on the completions route where the target has it
 * (`completions`), else as one user turn on the chat route.
 */
export function execRequest(o: Omit<ExecScorerOptions, "target">, item: ScoreItem, completions: boolean): GenerateRequest {
  const p = evalPrompt(o.task, item, o.demos, o.format);
  return {
    ...(p.format === "chat" ? { prompt: p.messages, route: "chat" } : { prompt: p.prefix, route: completions ? "completion" : "chat" }),
    n: 1,
    temperature: 0,
    maxTokens: o.maxTokens ?? MAX_ANSWER_TOKENS,
    stop: ["\n"],
    seed: o.seed,
  };
}

/** Build the execution-accuracy scorer. */
export function execScorer(o: ExecScorerOptions): Scorer {
  return {
    name: "exec",
    async score(items: readonly ScoreItem[]): Promise<Scored[]> {
      const caps = await o.target.capabilities();
      const generations = await o.target.generate(items.map((item) => execRequest(o, item, caps.completions)));
      return items.map((item, i) => {
        const output = generations[i]?.texts[0] ?? "";
        return { score: scorePrediction(o.task.metric, output, item.example.outputs), output: output.trim() };
      });
    },
  };
}
