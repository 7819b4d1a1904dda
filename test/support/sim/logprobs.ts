/**
 * Log-prob payloads in the two shapes servers use: the standard completions shape
 * (`tokens`, `token_logprobs`, `top_logprobs`, `text_offset`) and the chat shape (`content[]`).
 */
import { unit } from "./hash.js";
import { tokenize, tokenText } from "./tokens.js";
import { answerLogprob, parseEval } from "./world.js";
import type { Token } from "./tokens.js";
import type { SimWorld } from "./types.js";

/** A token with its log-prob (`null` for the first token of an echoed prompt). */
export interface ScoredToken {
  readonly token: Token;
  readonly logprob: number | null;
}

/** The standard completions log-prob object. */
export interface StandardLogprobs {
  tokens: string[];
  token_logprobs: (number | null)[];
  top_logprobs: (Record<string, number> | null)[];
  text_offset: number[];
}

/** One entry of the chat shape. */
export interface ChatLogprobEntry {
  id?: number;
  token: string;
  logprob: number;
  bytes: number[];
  top_logprobs: { id?: number; token: string; logprob: number; bytes: number[] }[];
}

/**
 * Log-probs of an echoed prompt. Tokens starting at or after the end of the last `Output:` of an
 * evaluation prompt score the continuation by the instruction's quality; earlier tokens get fixed
 * values from a hash; the first token gets `null`.
 */
export function promptLogprobs(world: SimWorld, seed: number, prompt: string): ScoredToken[] {
  const marker = prompt.lastIndexOf("Output:");
  const boundary = marker < 0 ? prompt.length : marker + "Output:".length;
  const evaluation = marker < 0 ? undefined : parseEval(prompt.slice(0, boundary));
  const continuationLp = evaluation === undefined ? undefined : answerLogprob(world, evaluation, prompt.slice(boundary));
  return tokenize(prompt).map((token, i) => {
    if (i === 0) return { token, logprob: null };
    if (continuationLp !== undefined && token.offset >= boundary) return { token, logprob: continuationLp };
    return { token, logprob: -1 - 4 * unit(seed, "prompt-token", token.text) };
  });
}

/** Made-up alternatives for a top-k list, each less likely than the chosen token. */
function alternatives(seed: number, chosen: Token, logprob: number, count: number): { id: number; text: string; logprob: number }[] {
  const out: { id: number; text: string; logprob: number }[] = [];
  for (let i = 0; out.length < count && i < count * 4; i++) {
    const id = 256 + Math.floor(unit(seed, "alt", chosen.id, i) * 90000);
    const text = tokenText(id);
    if (id === chosen.id || out.some((a) => a.text === text) || text === chosen.text) continue;
    out.push({ id, text, logprob: logprob - 0.5 - out.length * 0.7 });
  }
  return out;
}

/** The standard shape; `k` is the requested `logprobs`; offsets are -1 when `offsets` is false. */
export function standardShape(seed: number, scored: readonly ScoredToken[], k: number, base: number, offsets: boolean): StandardLogprobs {
  return {
    tokens: scored.map((s) => s.token.text),
    token_logprobs: scored.map((s) => s.logprob),
    top_logprobs: scored.map((s) => {
      if (s.logprob === null) return null;
      const top: Record<string, number> = { [s.token.text]: s.logprob };
      for (const alt of alternatives(seed, s.token, s.logprob, Math.max(0, k - 1))) top[alt.text] = alt.logprob;
      return top;
    }),
    text_offset: scored.map((s) => (offsets ? base + s.token.offset : -1)),
  };
}

/** The chat shape for generated tokens; `withIds` adds llama.cpp's token `id`. */
export function chatShape(seed: number, scored: readonly ScoredToken[], k: number, withIds: boolean): { content: ChatLogprobEntry[] } {
  const bytesOf = (text: string): number[] => [...Buffer.from(text, "utf8")];
  return {
    content: scored.map((s) => {
      const logprob = s.logprob ?? 0;
      const top = [{ id: s.token.id, text: s.token.text, logprob }, ...alternatives(seed, s.token, logprob, Math.max(0, k - 1))];
      const entry: ChatLogprobEntry = {
        token: s.token.text,
        logprob,
        bytes: [...s.token.bytes],
        top_logprobs: k === 0 ? [] : top.map((t) => ({ ...(withIds ? { id: t.id } : {}), token: t.text, logprob: t.logprob, bytes: bytesOf(t.text) })),
      };
      if (withIds) entry.id = s.token.id;
      return entry;
    }),
  };
}

/** Score the tokens of generated `text` with the sample's own log-probs. */
export function generatedLogprobs(text: string, logprobOf: (tokenText: string, index: number) => number): ScoredToken[] {
  return tokenize(text).map((token, i) => ({ token, logprob: logprobOf(token.text, i) }));
}

/** One position of vLLM's `prompt_logprobs`: the token ids listed with `{logprob, rank, decoded_token}`. */
export type PromptLogprobEntry = Record<string, { logprob: number; rank: number; decoded_token: string }> | null;

/**
 * vLLM's `prompt_logprobs` (asking for the top 1) of scored prompt tokens: at each position the
 * prompt's own token, and the most likely one (rank 1) beside it when that is another, as it is
 * here for tokens less likely than e^-1.
 */
export function promptLogprobsShape(seed: number, scored: readonly ScoredToken[]): PromptLogprobEntry[] {
  return scored.map((s) => {
    if (s.logprob === null) return null;
    const own = { logprob: s.logprob, rank: s.logprob > -1 ? 1 : 2, decoded_token: s.token.text };
    const [top] = own.rank === 1 ? [] : alternatives(seed, s.token, -0.5, 1);
    return { [s.token.id]: own, ...(top ? { [top.id]: { logprob: -0.5, rank: 1, decoded_token: top.text } } : {}) };
  });
}
