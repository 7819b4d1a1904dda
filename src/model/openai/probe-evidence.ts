/**
 * Reading the probe's answers: what each one proves about a feature. A 200 proves nothing until
 * the answer shows the feature was used (the prompt echoed with log-probs, separate answers, a
 * suffix that costs prompt tokens, FIM markers that are single tokens).
 */
import type { FimTokens } from "../types.js";
import { readCompletion, type CompletionAnswer } from "./completion-shape.js";
import { FIM_FAMILIES } from "./fim-families.js";
import { parseLogprobs } from "./logprobs.js";
import { describeRefusal, type Outcome } from "./probe-ask.js";

/** How this server's answers must be read, beyond what Capabilities says. */
export interface WireFacts {
  /** `max_tokens` of a prompt log-prob request: 0, or 1 where the server refuses 0 (SGLang); the generated token is dropped. */
  readonly echoMaxTokens: 0 | 1;
  /** The server reports one answer's usage, not the sum over a request's answers (llama.cpp). */
  readonly usagePerChoice: boolean;
  /** Most samples (`n`) one request may ask for: llama.cpp's slots; `Infinity` where no limit is known. */
  readonly maxSamples: number;
}

/** llama.cpp answers at most one sample per slot in a request: `total_slots` of its `/props` (any other answer: no known limit). */
export function samplesLimit(props: Outcome): number {
  const slots = props.ok && props.body && typeof props.body === "object" && "total_slots" in props.body ? props.body.total_slots : undefined;
  return typeof slots === "number" && Number.isInteger(slots) && slots >= 1 ? slots : Number.POSITIVE_INFINITY;
}

/** What one probe showed about a feature, in words, with the answer it read. */
export interface Finding {
  readonly yes: boolean;
  readonly why: string;
  readonly answer?: CompletionAnswer | undefined;
}

/** Echo works when the text comes back starting with the prompt and the prompt's tokens carry log-probs. */
export function echoEvidence(echo0: Outcome, echo1: Outcome | undefined, prompt: string): Finding {
  const o = echo0.ok || echo1 === undefined ? echo0 : echo1;
  const how = o === echo1 ? "echo with max_tokens 1" : "echo";
  if (!o.ok) return { yes: false, why: `${how} refused: ${describeRefusal(o)}` };
  const choice = readCompletion(o.body)?.choices[0];
  const tokens = parseLogprobs(choice?.logprobs);
  const text = tokens?.map((t) => t.text).join("") ?? "";
  if (!choice || !tokens || !choice.text.startsWith(prompt) || !text.startsWith(prompt)) {
    return { yes: false, why: `${how} answered 200 without the prompt's log-probs (ignored)` };
  }
  const base = tokens[0]?.offset ?? 0;
  const promptTokens = tokens.filter((t) => t.offset - base < prompt.length);
  if (promptTokens.length < 2 || promptTokens.slice(1).some((t) => t.logprob === null)) {
    return { yes: false, why: `${how} answered 200 but the prompt's tokens carry no log-probs` };
  }
  return { yes: true, why: `${how} returns the prompt with its log-probs` };
}

/** `count` prompts (or samples) were answered as `count` separate answers. */
export function samplesEvidence(o: Outcome, count: number, label: string): Finding {
  if (!o.ok) return { yes: false, why: `${label} refused: ${describeRefusal(o)}` };
  const answer = readCompletion(o.body);
  if (!answer) return { yes: false, why: `${label}: an answer in no known shape` };
  const indexes = new Set(answer.choices.map((c) => c.index));
  const separate = answer.choices.length === count && indexes.size === count && [...indexes].every((i) => i >= 0 && i < count);
  if (!separate) return { yes: false, why: `${label} answered 200 with ${answer.choices.length} answer(s) (ignored)`, answer };
  return { yes: true, why: `${label}: ${count} separate answers${answer.array ? " (an array of completions)" : ""}`, answer };
}

/** A suffix is used when it makes the prompt cost more tokens than the same request without it. */
export function suffixEvidence(plain: Outcome, withSuffix: Outcome): Finding {
  if (!withSuffix.ok) return { yes: false, why: `refused: ${describeRefusal(withSuffix)}` };
  const before = plain.ok ? readCompletion(plain.body)?.usage.promptTokens : undefined;
  const after = readCompletion(withSuffix.body)?.usage.promptTokens;
  if (before === undefined || after === undefined) return { yes: false, why: "answered 200 without usage to show the suffix was read" };
  if (after > before) return { yes: true, why: `used: prompt_tokens ${before} → ${after} with the suffix` };
  return { yes: false, why: `answered 200 but prompt_tokens stayed ${after} (suffix ignored)` };
}

/** `/infill` works when it answers with text. */
export function infillEvidence(o: Outcome): Finding {
  if (!o.ok) return { yes: false, why: `/infill refused: ${describeRefusal(o)}` };
  const body = o.body;
  if (body && typeof body === "object" && "content" in body && typeof body.content === "string") return { yes: true, why: "/infill answers" };
  return { yes: false, why: "/infill answered 200 without content" };
}

/**
 * The FIM family whose markers the server's tokenizer keeps as single tokens. `tokenized` holds,
 * per family of FIM_FAMILIES, the token counts of its three markers once and twice: single tokens
 * add exactly three (a leading BOS or space token cancels out).
 */
export function fimEvidence(tokenized: readonly Outcome[]): Finding & { readonly tokens: FimTokens | undefined } {
  let why = "";
  for (const [i, family] of FIM_FAMILIES.entries()) {
    const once = tokenized[2 * i];
    const twice = tokenized[2 * i + 1];
    if (!once?.ok || !twice?.ok) {
      const refusal = [once, twice].find((o) => o !== undefined && !o.ok);
      why ||= refusal ? `/tokenize refused: ${describeRefusal(refusal)}` : "/tokenize was not asked";
      continue;
    }
    const a = tokenCount(once.body);
    const b = tokenCount(twice.body);
    if (a !== undefined && b !== undefined && b - a === 3) {
      return { yes: true, why: `/tokenize shows ${family.prefix} ${family.suffix} ${family.middle} as single tokens`, tokens: family };
    }
    why ||= "/tokenize shows no known FIM markers as single tokens";
  }
  return { yes: false, why, tokens: undefined };
}

function tokenCount(body: unknown): number | undefined {
  if (!body || typeof body !== "object") return undefined;
  if ("count" in body && typeof body.count === "number") return body.count;
  if ("tokens" in body && Array.isArray(body.tokens)) return body.tokens.length;
  return undefined;
}
