/**
 * Log-probability scoring: mean per-token log P(gold output | eval prompt) under the target; with
 * several acceptable outputs the most likely counts. Only for targets with exact prompt log-probs:
 * a server without them is refused up front, never scored at chance.
 */
import { CapabilityError } from "../errors.js";
import type { Gateway } from "../gateway/gateway.js";
import { formatSpec } from "../model/spec.js";
import type { LogprobRequest } from "../model/types.js";
import type { Task } from "../task/types.js";
import { evalPrompt } from "./prompt.js";
import type { ScoreItem, Scored, Scorer } from "./scorer.js";
import { option, say } from "../message.js";

/** Settings of the log-probability scorer. */
export interface LogprobScorerOptions {
  readonly task: Task;
  readonly target: Gateway;
  readonly demos: string;
  /** How the eval template is sent (see `targetFormat`). */
  readonly format: "chat" | "completion";
}

/**
 * The requests that score an item: one per acceptable output, the output after the eval prompt (as
 * text, or as the start of the model's reply to the chat messages).
 */
export function logprobRequests(o: Omit<LogprobScorerOptions, "target">, item: ScoreItem): LogprobRequest[] {
  const p = evalPrompt(o.task, item, o.demos, o.format);
  return item.example.outputs.map((out) => (p.format === "chat" ? { prefix: p.messages, continuation: out } : { prefix: p.prefix, continuation: p.gap + out }));
}

/** Build the log-probability scorer; fails with CapabilityError, before any call, when the target cannot serve it. */
export async function logprobScorer(o: LogprobScorerOptions): Promise<Scorer> {
  const caps = await o.target.capabilities();
  const where = `${formatSpec(o.target.spec)} at ${o.target.spec.baseUrls[0] ?? "the in-process model"}`;
  if (o.format === "chat" && !caps.chatLogprobs) {
    throw new CapabilityError(
      say`${option("scorer", "logprob")} in the chat format needs exact log-probs of the answer after the model's chat template, but ${where} does not give them (${caps.evidence.chatLogprobs ?? "no evidence"}). Use ${option("scorer", "exec")}, or ${option("targetFormat", "completion")} with an eval template of one text, or a target that gives them (vLLM; gguf: in-process, with a chat template).`,
    );
  }
  if (o.format === "completion" && !caps.promptLogprobs) {
    throw new CapabilityError(
      say`${option("scorer", "logprob")} needs exact prompt log-probs, but ${where} does not give them (the probe's evidence: ${caps.evidence.promptLogprobs ?? "echo with logprobs is refused or ignored"}). Use ${option("scorer", "exec")}, or a server that has them (vLLM, SGLang, gguf:).`,
    );
  }
  return {
    name: "logprob",
    async score(items: readonly ScoreItem[]): Promise<Scored[]> {
      const results = await o.target.logprobs(items.flatMap((item) => logprobRequests(o, item)));
      let at = 0;
      return items.map((item) => {
        let best = -Infinity;
        for (let k = 0; k < item.example.outputs.length; k++) {
          const tokens = results[at++]?.tokens ?? [];
          // Servers clamp at -9999 (vLLM); so do we, so that scores stay finite numbers in JSON and SQL.
          const mean = tokens.length === 0 ? -9999 : Math.max(-9999, tokens.reduce((s, t) => s + t.logprob, 0) / tokens.length);
          best = Math.max(best, mean);
        }
        return { score: best, output: null, feedback: null };
      });
    },
  };
}
