/**
 * Log-probs of an answer after a chat template, from a server that gives prompt log-probs on its
 * chat route (vLLM's `prompt_logprobs`): the answer is sent as the start of the assistant's reply
 * (`continue_final_message`, no generation prompt after it), so the prompt the server renders with
 * the model's template ends with the answer's tokens, whose log-probs are read back.
 */
import type OpenAI from "openai";
import type { ChatMessage } from "../../chat.js";
import { isList, isRecord } from "../../narrow.js";
import type { Outcome } from "./probe-ask.js";
import { describeRefusal } from "./probe-ask.js";
import type { Finding } from "./probe-evidence.js";

/** A chat request with vLLM's fields for scoring a reply. */
export type ChatLogprobParams = OpenAI.Chat.ChatCompletionCreateParamsNonStreaming & {
  readonly add_generation_prompt: false;
  readonly continue_final_message: true;
  readonly prompt_logprobs: number;
};

/** A token of the rendered prompt with its log-prob. */
export interface PromptToken {
  readonly text: string;
  readonly logprob: number;
}

/**
 * The request that scores `continuation` as the start of `model`'s reply to `messages`. With
 * `prompt_logprobs: 1` each position lists its own token, and the most likely one when that differs.
 */
export function chatLogprobParams(model: string, messages: readonly ChatMessage[], continuation: string): ChatLogprobParams {
  return {
    model,
    messages: [...messages, { role: "assistant", content: continuation }],
    add_generation_prompt: false,
    continue_final_message: true,
    prompt_logprobs: 1,
    max_tokens: 1,
    temperature: 0,
  };
}

/**
 * The rendered prompt's tokens of an answer's `prompt_logprobs` (per position `null`, or the token
 * ids with `{logprob, rank, decoded_token}`): at each position its own token, the only one listed or
 * the one that is not the most likely (rank 1). Undefined when the answer has none in this shape.
 */
export function promptTokens(body: unknown): PromptToken[] | undefined {
  if (!isRecord(body) || !isList(body.prompt_logprobs)) return undefined;
  const out: PromptToken[] = [];
  for (const position of body.prompt_logprobs) {
    // The first position has nothing before it to be scored by.
    if (position === null) continue;
    if (!isRecord(position)) return undefined;
    const listed = Object.values(position).filter(isRecord);
    const own = listed.length === 1 ? listed[0] : listed.find((t) => t.rank !== 1);
    if (!own || typeof own.logprob !== "number" || typeof own.decoded_token !== "string") return undefined;
    out.push({ text: own.decoded_token, logprob: own.logprob });
  }
  return out;
}

/**
 * The last tokens of the prompt, those that spell `continuation`: the shortest tail at least as long
 * as it (a token straddling the reply's start is scored with it). Undefined when the prompt does not
 * end with it (a template that changed the reply).
 */
export function answerTokens(tokens: readonly PromptToken[], continuation: string): PromptToken[] | undefined {
  let text = "";
  for (let k = tokens.length - 1; k >= 0; k--) {
    text = (tokens[k]?.text ?? "") + text;
    if (text.length >= continuation.length) return text.endsWith(continuation) ? tokens.slice(k) : undefined;
  }
  return undefined;
}

/** The reply the probe asks to have scored. */
export const PROBE_REPLY = "Hello world";

/** Prompt log-probs on the chat route work when the answer carries them for the reply's tokens. */
export function chatLogprobsEvidence(o: Outcome): Finding {
  if (!o.ok) return { yes: false, why: `chat with prompt_logprobs refused: ${describeRefusal(o)}` };
  const tokens = promptTokens(o.body);
  if (!tokens) return { yes: false, why: "chat with prompt_logprobs answered 200 without them (ignored)" };
  if (!answerTokens(tokens, PROBE_REPLY)) return { yes: false, why: "chat with prompt_logprobs answered, but the prompt does not end with the reply" };
  return { yes: true, why: "chat with prompt_logprobs returns the reply's log-probs after the chat template" };
}
