/**
 * Log-probability scoring: mean per-token log P(gold output | eval prompt) under the target; with
 * several acceptable outputs the most likely counts. Only for targets with exact prompt log-probs:
 * a server without them is refused up front, never scored at chance.
 */
import { CapabilityError } from "../errors.js";
import type { Gateway } from "../model/gateway.js";
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
}

/** The requests that score an item: one per acceptable output, the output after the eval prompt. */
export function logprobRequests(task: Task, item: ScoreItem, demos: string): LogprobRequest[] {
  const p = evalPrompt(task, item, demos);
  return item.example.outputs.map((out) => ({ prefix: p.prefix, continuation: p.gap + out }));
}

/** Build the log-probability scorer; fails with CapabilityError when the target cannot serve it. */
export async function logprobScorer(o: LogprobScorerOptions): Promise<Scorer> {
  const caps = await o.target.capabilities();
  if (!caps.promptLogprobs) {
    const where = o.target.spec.baseUrls[0] ?? "the in-process model";
    throw new CapabilityError(
      say`${option("scorer", "logprob")} needs exact prompt log-probs, but ${formatSpec(o.target.spec)} at ${where} does not give them (the probe's evidence: ${caps.evidence.promptLogprobs ?? "echo with logprobs is refused or ignored"}). Use ${option("scorer", "exec")}, or a server that has them (vLLM, SGLang, gguf:).`,
    );
  }
  return {
    name: "logprob",
    async score(items: readonly ScoreItem[]): Promise<Scored[]> {
      const results = await o.target.logprobs(items.flatMap((item) => logprobRequests(o.task, item, o.demos)));
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
