/**
 * Counting tokens before a call, for budgets and estimates. OpenAI models use their own tiktoken
 * encoding; for other models cl100k_base is the documented approximation (open models' tokenizers
 * differ by some percent; the server's own usage figures settle the real count after each call).
 */
import { encoding_for_model, get_encoding, type Tiktoken, type TiktokenModel } from "@dqbd/tiktoken";
import { promptText } from "../chat.js";
import type { ModelRequest } from "../model/types.js";

const encoders = new Map<string, Tiktoken>();
const encodings = new Map<string, { readonly name: string; readonly exact: boolean }>();

/** How a model's tokens are counted: its own encoding, or the cl100k_base approximation. */
export function encodingFor(model: string): { readonly name: string; readonly exact: boolean } {
  let found = encodings.get(model);
  if (!found) {
    try {
      const enc = encoding_for_model(model as TiktokenModel);
      enc.free();
      found = { name: model, exact: true };
    } catch {
      found = { name: "cl100k_base", exact: false };
    }
    encodings.set(model, found);
  }
  return found;
}

function encoder(model: string): Tiktoken {
  const { name, exact } = encodingFor(model);
  let enc = encoders.get(name);
  if (!enc) {
    enc = exact ? encoding_for_model(name as TiktokenModel) : get_encoding("cl100k_base");
    encoders.set(name, enc);
  }
  return enc;
}

/** Number of tokens `text` has for `model` (exact for OpenAI models, approximate otherwise). */
export function countTokens(model: string, text: string): number {
  return encoder(model).encode_ordinary(text).length;
}

/**
 * The tokens a request is counted at before it is sent: its prompt (a fill's prefix and suffix, a
 * log-prob's prefix and continuation) and its most completion tokens (`maxTokens` × samples). What
 * the budget reserves per call, and what the estimate adds up.
 */
export function requestTokens(model: string, r: ModelRequest): { readonly prompt: number; readonly completion: number } {
  switch (r.kind) {
    case "generate":
      return { prompt: countTokens(model, promptText(r.request.prompt)), completion: r.request.maxTokens * r.request.n };
    case "fill":
      return { prompt: countTokens(model, r.request.prefix + r.request.suffix), completion: r.request.maxTokens * r.request.n };
    case "logprobs":
      return { prompt: countTokens(model, promptText(r.request.prefix) + r.request.continuation), completion: 0 };
  }
}
