/**
 * Sharing one request's token usage among the prompts it carried. Servers report usage in three
 * ways: summed over the whole request (OpenAI, vLLM, SGLang); one object per prompt (llama.cpp 2025
 * builds answer a list with an array); or only the first prompt's first answer (current llama.cpp,
 * whatever the list or `n`). The last is scaled up by the texts' lengths, the only measure ape has
 * of the other prompts and answers without asking the server to tokenize them.
 */
import type { Usage } from "../types.js";
import type { CompletionAnswer } from "./completion-shape.js";

/** A request's prompts, each with the texts answered for it. */
export interface Carried {
  readonly prompt: string;
  readonly texts: readonly string[];
}

/** How the server reported the usage of one request. */
export type Reported =
  | { readonly kind: "summed"; readonly usage: Usage }
  | { readonly kind: "per-prompt"; readonly usages: readonly Usage[] }
  | { readonly kind: "first-answer"; readonly usage: Usage };

/** How `answer` reports usage, given whether the server reports only its first answer's (the probe finds out). */
export function reportedBy(answer: CompletionAnswer, firstAnswerOnly: boolean): Reported {
  if (answer.array) return { kind: "per-prompt", usages: answer.partUsages };
  return firstAnswerOnly ? { kind: "first-answer", usage: answer.usage } : { kind: "summed", usage: answer.usage };
}

/**
 * Each prompt's usage, in order; the shares add up to the request's whole usage. With `maxTokens`
 * (the request's limit per answer), no prompt is given more completion tokens than its answers can
 * have: an estimate scaled from one answer's usage could otherwise pass what the server generated.
 */
export function shareUsage(reported: Reported, carried: readonly Carried[], maxTokens?: number): Usage[] {
  if (reported.kind === "per-prompt") return carried.map((_, i) => reported.usages[i] ?? { promptTokens: 0, completionTokens: 0 });
  const promptLengths = carried.map((c) => c.prompt.length);
  const answerLengths = carried.map((c) => c.texts.reduce((s, t) => s + t.length, 0));
  const answers = carried.reduce((s, c) => s + c.texts.length, 0);
  let total = reported.usage;
  if (reported.kind === "first-answer") {
    const first = carried[0];
    const firstText = first?.texts[0] ?? "";
    total = {
      promptTokens:
        first && first.prompt.length > 0
          ? Math.round((reported.usage.promptTokens * sum(promptLengths)) / first.prompt.length)
          : reported.usage.promptTokens * carried.length,
      completionTokens:
        firstText.length > 0
          ? Math.round((reported.usage.completionTokens * sum(answerLengths)) / firstText.length)
          : reported.usage.completionTokens * answers,
    };
  }
  const prompt = apportion(total.promptTokens, promptLengths);
  const completion =
    maxTokens === undefined
      ? apportion(total.completionTokens, answerLengths)
      : apportionCapped(
          total.completionTokens,
          answerLengths,
          carried.map((c) => c.texts.length * maxTokens),
        );
  return carried.map((_, i) => ({ promptTokens: prompt[i] ?? 0, completionTokens: completion[i] ?? 0 }));
}

function sum(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0);
}

/** Split the whole number `total` in proportion to `weights` (equally if they are all 0), keeping the sum exact. */
function apportion(total: number, weights: readonly number[]): number[] {
  const w = sum(weights) > 0 ? weights : weights.map(() => 1);
  const whole = sum(w);
  const exact = w.map((x) => (total * x) / whole);
  const out = exact.map(Math.floor);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; k < total - sum(out); k++) {
    const at = order[k % order.length]?.i ?? 0;
    out[at] = (out[at] ?? 0) + 1;
  }
  return out;
}

/**
 * `apportion` where no share may pass its cap: a share that would is set to its cap and the rest is
 * split again among the others. What passes all the caps together is dropped.
 */
function apportionCapped(total: number, weights: readonly number[], caps: readonly number[]): number[] {
  const out = weights.map(() => 0);
  let open = weights.map((_, i) => i);
  let left = Math.min(total, sum(caps));
  while (left > 0 && open.length > 0) {
    const shares = apportion(
      left,
      open.map((i) => weights[i] ?? 0),
    );
    const over = open.filter((i, k) => (shares[k] ?? 0) > (caps[i] ?? 0));
    if (over.length === 0) {
      open.forEach((i, k) => {
        out[i] = shares[k] ?? 0;
      });
      break;
    }
    for (const i of over) {
      out[i] = caps[i] ?? 0;
      left -= out[i] ?? 0;
    }
    open = open.filter((i) => !over.includes(i));
  }
  return out;
}
