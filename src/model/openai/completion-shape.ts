/**
 * Reading a completions answer whatever shape the server gives it: one object whose `choices` hold
 * every prompt's answers (OpenAI, vLLM, current llama.cpp), or a JSON array with one completion
 * object per prompt (llama.cpp builds of 2025 answer a list `prompt` so).
 */
import { ModelError } from "../../errors.js";
import type { Usage } from "../types.js";
import { isList, isRecord } from "../../narrow.js";

/** One answer of a completions request. */
export interface CompletionChoice {
  /** Position among all answers: prompt × samples + sample. */
  readonly index: number;
  readonly text: string;
  readonly logprobs: unknown;
}

/** The answers of a completions request, in index order, and its usage as the server reported it. */
export interface CompletionAnswer {
  readonly choices: readonly CompletionChoice[];
  readonly usage: Usage;
  /** The server answered with an array of completion objects. */
  readonly array: boolean;
  /** The usage of each object of an array answer (one per prompt); empty otherwise. */
  readonly partUsages: readonly Usage[];
}

/** Read a completions body; `undefined` when it is neither shape. */
export function readCompletion(body: unknown): CompletionAnswer | undefined {
  if (Array.isArray(body)) {
    const parts = body.map(readObject);
    if (parts.some((p) => p === undefined)) return undefined;
    const defined = parts.filter((p): p is Part => p !== undefined);
    // Each object answers one prompt. llama.cpp numbers its choices by the prompt's place already;
    // where the numbers repeat (each object from 0), they are laid end to end instead.
    const all = defined.flatMap((p) => p.choices);
    let offset = 0;
    const choices =
      new Set(all.map((c) => c.index)).size === all.length
        ? [...all].sort((a, b) => a.index - b.index)
        : defined.flatMap((part) => {
            const laid = part.choices.map((c) => ({ ...c, index: offset + c.index }));
            offset += part.choices.length;
            return laid;
          });
    return { choices, usage: sumUsage(defined.map((p) => p.usage)), array: true, partUsages: defined.map((p) => p.usage) };
  }
  const part = readObject(body);
  return part && { ...part, array: false, partUsages: [] };
}

interface Part {
  readonly choices: readonly CompletionChoice[];
  readonly usage: Usage;
}

function readObject(body: unknown): Part | undefined {
  if (!body || typeof body !== "object" || !("choices" in body) || !isList(body.choices)) return undefined;
  const choices: CompletionChoice[] = [];
  for (const [i, c] of body.choices.entries()) {
    if (!c || typeof c !== "object") return undefined;
    const text = "text" in c && typeof c.text === "string" ? c.text : "message" in c ? messageText(c.message) : undefined;
    if (text === undefined) return undefined;
    const index = "index" in c && typeof c.index === "number" ? c.index : i;
    choices.push({ index, text, logprobs: "logprobs" in c ? c.logprobs : undefined });
  }
  choices.sort((a, b) => a.index - b.index);
  return { choices, usage: readUsage("usage" in body ? body.usage : undefined) };
}

/**
 * A chat answer's text. `content: null` is an answer only beside OpenAI's documented `refusal`
 * (the model declined: an empty answer, scored as such); any other missing content is a fault.
 */
function messageText(message: unknown): string | undefined {
  if (!message || typeof message !== "object" || !("content" in message)) return undefined;
  if (typeof message.content === "string") return message.content;
  return message.content === null && "refusal" in message && typeof message.refusal === "string" ? "" : undefined;
}

/**
 * Why `answer` is not a whole answer to a request that asked for `expected` choices (prompts ×
 * samples), or `undefined` when it is. A short answer (`choices: []`, fewer choices than asked,
 * or answers numbered past the end) is a fault of the server or of a proxy between, never an
 * answer: taken as one, every missing text would be stored, cached and scored as an empty answer.
 * An empty text is an answer (the model may stop at once); a missing one makes `readCompletion`
 * refuse the whole body.
 */
export function shortOf(answer: CompletionAnswer, expected: number): string | undefined {
  const { choices } = answer;
  if (choices.length !== expected) return `${choices.length} choice(s) where ${expected} were asked`;
  const out = choices.findIndex((c) => c.index < 0 || c.index >= expected);
  return out === -1 ? undefined : `a choice numbered ${choices[out]?.index} where ${expected} were asked`;
}

/** The `usage` field as numbers (missing counts as 0). */
export function readUsage(usage: unknown): Usage {
  const num = (key: string): number => {
    const v = isRecord(usage) ? usage[key] : undefined;
    return typeof v === "number" && Number.isFinite(v) ? v : 0;
  };
  return { promptTokens: num("prompt_tokens"), completionTokens: num("completion_tokens") };
}

/** Add usages. */
export function sumUsage(usages: readonly Usage[]): Usage {
  return usages.reduce((a, u) => ({ promptTokens: a.promptTokens + u.promptTokens, completionTokens: a.completionTokens + u.completionTokens }), {
    promptTokens: 0,
    completionTokens: 0,
  });
}

/**
 * The answer of a `what` request to `url` that asked for `expected` choices, or a transient
 * ModelError: a body with no readable choices (a choice without text included) or with fewer or
 * more choices than asked is a fault to retry, never an answer to store.
 */
export function wholeAnswer(response: unknown, expected: number, url: string, what: string): CompletionAnswer {
  const answer = readCompletion(response);
  if (!answer) {
    throw new ModelError(url, `the ${what} answer has no readable choices (a choice without text, or no \`choices\`); is this an OpenAI-compatible server?`, {
      transient: true,
    });
  }
  const short = shortOf(answer, expected);
  if (short) throw new ModelError(url, `the ${what} answer is not whole: ${short} (a cut answer is never stored)`, { transient: true });
  return answer;
}
