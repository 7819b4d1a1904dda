/**
 * Reading prompt log-probs out of an echo response and keeping only the continuation's tokens.
 * Accepts the standard completions shape (`tokens`, `token_logprobs`, `text_offset`) and the chat
 * shape (`content[]`); where offsets are missing or -1 (SGLang) they are rebuilt from token lengths.
 */
import { isList } from "../../narrow.js";

/** One token with its log-probability (`null` for the first echoed token). */
export interface TokenLogprob {
  readonly text: string;
  readonly logprob: number | null;
  readonly offset: number;
}

/** Parse a choice's `logprobs` field; `undefined` when it holds no per-token data. */
export function parseLogprobs(value: unknown): TokenLogprob[] | undefined {
  if (!value || typeof value !== "object") return undefined;
  if ("content" in value && isList(value.content)) {
    const items = value.content;
    const out: TokenLogprob[] = [];
    let offset = 0;
    for (const item of items) {
      if (!item || typeof item !== "object" || !("token" in item) || typeof item.token !== "string") return undefined;
      const lp = "logprob" in item && typeof item.logprob === "number" ? item.logprob : null;
      out.push({ text: item.token, logprob: lp, offset });
      offset += item.token.length;
    }
    return out;
  }
  if (!("tokens" in value) || !isList(value.tokens) || !("token_logprobs" in value) || !isList(value.token_logprobs)) {
    return undefined;
  }
  const tokens = value.tokens;
  const lps = value.token_logprobs;
  const given = "text_offset" in value && isList(value.text_offset) ? value.text_offset : [];
  const offsets = given.filter((o): o is number => typeof o === "number" && o >= 0);
  const usable = offsets.length === tokens.length && offsets.length === given.length;
  const out: TokenLogprob[] = [];
  let running = 0;
  for (let i = 0; i < tokens.length; i++) {
    const text = tokens[i];
    if (typeof text !== "string") return undefined;
    const lp = lps[i];
    const offset = usable ? (offsets[i] ?? running) : running;
    out.push({ text, logprob: typeof lp === "number" ? lp : null, offset });
    running += text.length;
  }
  return out;
}

/**
 * The tokens that start at or after `boundary` (the prefix length) and before `end` (the prompt's
 * length; tokens the server generated after the prompt start there): the continuation's tokens.
 * Returns `undefined` when none do or one of them has no log-prob.
 */
export function continuationTokens(
  tokens: readonly TokenLogprob[],
  boundary: number,
  end = Infinity,
): { readonly text: string; readonly logprob: number }[] | undefined {
  const base = tokens[0]?.offset ?? 0;
  const picked = tokens.filter((t) => t.offset - base >= boundary && t.offset - base < end);
  if (picked.length === 0) return undefined;
  const out: { text: string; logprob: number }[] = [];
  for (const t of picked) {
    if (t.logprob === null) return undefined;
    out.push({ text: t.text, logprob: t.logprob });
  }
  return out;
}
