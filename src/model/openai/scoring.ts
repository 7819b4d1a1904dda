/**
 * Log-probs of answers over the wire: after text, echoed on the completions route (the prompt and
 * the answer sent as one, the answer's tokens picked by their offsets); after chat messages, vLLM's
 * `prompt_logprobs` on the chat route (see chat-logprobs.ts). Only what the probe found is asked.
 */
import type OpenAI from "openai";
import { at } from "../../at.js";
import { isRecord } from "../../narrow.js";
import type { ChatMessage } from "../../chat.js";
import { CapabilityError, ModelError } from "../../errors.js";
import { option, say } from "../../message.js";
import type { Capabilities, LogprobRequest, LogprobResult, ModelSpec } from "../types.js";
import { answerTokens, chatLogprobParams, promptTokens } from "./chat-logprobs.js";
import { readUsage, wholeAnswer } from "./completion-shape.js";
import { continuationTokens, parseLogprobs } from "./logprobs.js";
import type { WireFacts } from "./probe-evidence.js";
import { reportedBy, shareUsage } from "./usage-share.js";

/** What scoring needs of the backend: its model, what the probe found, and how it sends a request. */
export interface ScoringWire {
  readonly spec: ModelSpec;
  readonly caps: Capabilities | undefined;
  readonly wire: WireFacts;
  /** POST `body` as JSON to `path` (under a replica's base URL) over the hot path (json-post.ts); the parsed answer and the URL that gave it. */
  post(path: string, body: unknown, signal?: AbortSignal): Promise<{ response: unknown; url: string }>;
}

/** A log-prob request after text (not chat messages). */
type TextRequest = LogprobRequest & { readonly prefix: string };

/** Log-probs of each request's continuation, in order. */
export async function scoreLogprobs(w: ScoringWire, requests: readonly LogprobRequest[], signal?: AbortSignal): Promise<LogprobResult[]> {
  const texts = requests.filter((r): r is TextRequest => typeof r.prefix === "string");
  if (texts.length === requests.length) return textLogprobs(w, texts, signal);
  return Promise.all(
    requests.map(async (r) =>
      typeof r.prefix === "string" ? at(await textLogprobs(w, [{ ...r, prefix: r.prefix }], signal), 0) : chatLogprob(w, r.prefix, r.continuation, signal),
    ),
  );
}

/** Score `continuation` as the start of the model's reply to `messages`. */
async function chatLogprob(w: ScoringWire, messages: readonly ChatMessage[], continuation: string, signal?: AbortSignal): Promise<LogprobResult> {
  if (w.caps && !w.caps.chatLogprobs) {
    throw new CapabilityError(
      say`${w.spec.baseUrls[0] ?? ""} cannot give log-probs after a chat template for ${w.spec.model}; use ${option("scorer", "exec")}.`,
    );
  }
  const params = chatLogprobParams(w.spec.model, messages, continuation);
  const { response, url } = await w.post("/chat/completions", params, signal);
  const tokens = promptTokens(response);
  const answer = tokens && answerTokens(tokens, continuation);
  if (!answer)
    throw new ModelError(url, "the chat answer carries no prompt_logprobs ending with the reply's tokens (a cut answer is never stored)", { transient: true });
  return { tokens: answer, usage: { promptTokens: readUsage(isRecord(response) ? response.usage : undefined).promptTokens, completionTokens: 0 } };
}

/** Log-probs of text continuations, echoed on the completions route, as many prompts a request as the server takes. */
async function textLogprobs(w: ScoringWire, texts: readonly TextRequest[], signal?: AbortSignal): Promise<LogprobResult[]> {
  if (w.caps && !w.caps.promptLogprobs) {
    throw new CapabilityError(say`${w.spec.baseUrls[0] ?? ""} cannot give prompt log-probs for ${w.spec.model}; use ${option("scorer", "exec")}.`);
  }
  const out: LogprobResult[] = [];
  const cap = w.caps?.maxPromptsPerRequest ?? 1;
  for (let i = 0; i < texts.length; i += cap) {
    const chunk = texts.slice(i, i + cap);
    const params: OpenAI.Completions.CompletionCreateParamsNonStreaming = {
      model: w.spec.model,
      prompt: chunk.length === 1 ? `${chunk[0]?.prefix}${chunk[0]?.continuation}` : chunk.map((r) => r.prefix + r.continuation),
      echo: true,
      logprobs: 1,
      max_tokens: w.wire.echoMaxTokens,
      temperature: 0,
    };
    const { response, url } = await w.post("/completions", params, signal);
    const answer = wholeAnswer(response, chunk.length, url, "echo");
    const usages = shareUsage(
      reportedBy(answer, w.wire.usagePerChoice),
      chunk.map((r) => ({ prompt: r.prefix + r.continuation, texts: [] })),
    );
    chunk.forEach((r, k) => {
      const tokens = parseLogprobs(answer.choices[k]?.logprobs);
      // A generated token (servers that refuse max_tokens 0) lies past the continuation's end and is left out.
      const picked = tokens && continuationTokens(tokens, r.prefix.length, r.prefix.length + r.continuation.length);
      if (!picked)
        throw new ModelError(
          url,
          say`the server's echo response carries no log-probs for the answer tokens; it cannot serve ${option("scorer", "logprob")} (use ${option("scorer", "exec")}).`,
        );
      out.push({ tokens: picked, usage: at(usages, k) });
    });
  }
  return out;
}
