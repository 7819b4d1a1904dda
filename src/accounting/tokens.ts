/**
 * Counting tokens before a call, for budgets and estimates. OpenAI models use their own tiktoken
 * encoding; for other models cl100k_base is the documented approximation (open models' tokenizers
 * differ by some percent; the server's own usage figures settle the real count after each call).
 *
 * Prompts share most of their text (an eval prompt is the template and the instruction around one
 * input), so a text is counted line by line and each line's count is kept: an estimate of 1,600 eval
 * prompts tokenizes about 80 distinct lines. The lines are cut only where every tiktoken encoding
 * cuts its words too (after a newline between two visible characters), so the sum is exact.
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

/** Counted lines per encoding; emptied when it grows past MAX_LINES (a bound on memory, not a cache policy). */
const lineCounts = new Map<string, Map<string, number>>();
const MAX_LINES = 100_000;

/** Number of tokens `text` has for `model` (exact for OpenAI models, approximate otherwise). */
export function countTokens(model: string, text: string): number {
  const name = encodingFor(model).name;
  let counts = lineCounts.get(name);
  if (!counts || counts.size > MAX_LINES) {
    counts = new Map();
    lineCounts.set(name, counts);
  }
  let sum = 0;
  for (const line of wordSafeLines(text)) {
    let n = counts.get(line);
    if (n === undefined) {
      n = encoder(model).encode_ordinary(line).length;
      counts.set(line, n);
    }
    sum += n;
  }
  return sum;
}

const VISIBLE = /\S/;

/**
 * `text` cut after each newline that has a visible character on both sides. Every tiktoken
 * encoding splits its pre-tokens there (a newline before a visible character never joins it, and
 * after a visible one it is its own pre-token whatever follows), so the pieces' counts add up to
 * the whole text's count. A newline next to other whitespace (blank lines, indentation) is no cut:
 * there the older encodings join the whitespace differently at the end of a text.
 */
export function* wordSafeLines(text: string): Generator<string> {
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    if (i > 0 && VISIBLE.test(text.charAt(i - 1)) && VISIBLE.test(text.charAt(i + 1))) {
      yield text.slice(start, i + 1);
      start = i + 1;
    }
  }
  yield text.slice(start);
}

/** The text of a request's prompt, as its tokens are counted: a fill's prefix and suffix, a log-prob's prefix and continuation. */
export function requestText(r: ModelRequest): string {
  switch (r.kind) {
    case "generate":
      return promptText(r.request.prompt);
    case "fill":
      return r.request.prefix + r.request.suffix;
    case "logprobs":
      return promptText(r.request.prefix) + r.request.continuation;
  }
}

/**
 * The tokens a request is counted at before it is sent: its prompt (`requestText`) and its most
 * completion tokens (`maxTokens` × samples). What the budget reserves per call, and what the
 * estimate adds up.
 */
export function requestTokens(model: string, r: ModelRequest): { readonly prompt: number; readonly completion: number } {
  const prompt = countTokens(model, requestText(r));
  return { prompt, completion: r.kind === "logprobs" ? 0 : r.request.maxTokens * r.request.n };
}
