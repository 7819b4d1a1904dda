/**
 * The JSON around generated choices, in each server's own shape: OpenAI's (vLLM and SGLang use
 * it too), llama.cpp's (with `system_fingerprint`, `timings`, `prompt_tokens_details`, and chat
 * choices that carry `logprobs` only when asked) and Ollama's (no `logprobs` on completions).
 */
import { CREATED, usage } from "./context.js";
import type { RouteContext } from "./context.js";

/** One generated completions choice. */
export interface TextChoice {
  readonly index: number;
  readonly text: string;
  readonly logprobs: unknown;
  readonly finishReason: string;
}

/** One generated chat choice. */
export interface ChatChoice {
  readonly index: number;
  readonly content: string;
  readonly logprobs: unknown;
  readonly finishReason: string;
}

/** Token counts an answer reports. */
export interface Usage {
  readonly prompt: number;
  readonly completion: number;
}

/** The build llama.cpp reports (the recorded binary's number). */
export const LLAMA_BUILD = "b10587-sim";

/** llama.cpp's `timings`: made-up but consistent speeds for the token counts. */
export function llamaTimings(promptTokens: number, predicted: number): Record<string, number> {
  const promptMs = 0.5 * promptTokens + 0.25;
  const predictedMs = 2 * predicted + 0.25;
  return {
    cache_n: 0,
    prompt_n: promptTokens,
    prompt_ms: promptMs,
    prompt_per_token_ms: promptMs / Math.max(1, promptTokens),
    prompt_per_second: (1000 * promptTokens) / promptMs,
    predicted_n: predicted,
    predicted_ms: predictedMs,
    predicted_per_token_ms: predictedMs / Math.max(1, predicted),
    predicted_per_second: (1000 * predicted) / predictedMs,
  };
}

function llamaExtras(used: Usage): Record<string, unknown> {
  return {
    system_fingerprint: LLAMA_BUILD,
    usage: { ...usage(used.prompt, used.completion), prompt_tokens_details: { cached_tokens: 0 } },
    timings: llamaTimings(used.prompt, used.completion),
  };
}

/** A completions answer. */
export function completionBody(ctx: RouteContext, model: string, choices: readonly TextChoice[], used: Usage): unknown {
  const dialect = ctx.rules.dialect;
  const shaped = choices.map((c) =>
    dialect === "ollama"
      ? { text: c.text, index: c.index, finish_reason: c.finishReason }
      : { index: c.index, text: c.text, logprobs: c.logprobs, finish_reason: c.finishReason },
  );
  const base = {
    id: ctx.nextId(dialect === "llamacpp" ? "chatcmpl" : "cmpl"),
    object: "text_completion",
    created: CREATED,
    model,
    choices: shaped,
    usage: usage(used.prompt, used.completion),
  };
  if (dialect === "llamacpp") return { ...base, ...llamaExtras(used) };
  if (dialect === "ollama") return { ...base, system_fingerprint: "fp_ollama" };
  return base;
}

/** A chat answer; `logprobsAsked` decides whether llama.cpp and Ollama include the key at all. */
export function chatBody(ctx: RouteContext, model: string, choices: readonly ChatChoice[], used: Usage, logprobsAsked: boolean): unknown {
  const dialect = ctx.rules.dialect;
  const bare = dialect === "llamacpp" || dialect === "ollama";
  const shaped = choices.map((c) => ({
    index: c.index,
    message: { role: "assistant", content: c.content },
    ...(bare && !logprobsAsked ? {} : { logprobs: c.logprobs }),
    finish_reason: c.finishReason,
  }));
  const base = { id: ctx.nextId("chatcmpl"), object: "chat.completion", created: CREATED, model, choices: shaped, usage: usage(used.prompt, used.completion) };
  if (dialect === "llamacpp") return { ...base, ...llamaExtras(used) };
  if (dialect === "ollama") return { ...base, system_fingerprint: "fp_ollama" };
  return base;
}
