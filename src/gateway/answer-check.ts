/**
 * The Gateway's last check of an answer before it is stored, cached or used: one text per sample
 * asked. A backend that let a short answer through, or a response cached by an older ape that
 * stored one, must not become an empty answer scored 0.
 */
import type { Generation, LogprobResult, Sampling } from "../model/types.js";

/** Whether `g` holds a text for each of the `n` samples `request` asked for. */
export function wholeGeneration(request: Pick<Sampling, "n">, g: unknown): g is Generation {
  if (!g || typeof g !== "object" || !("texts" in g) || !Array.isArray(g.texts)) return false;
  return g.texts.length === request.n && g.texts.every((t) => typeof t === "string");
}

/** Whether `r` holds log-probs for at least one token (every continuation has one). */
export function wholeLogprobs(r: unknown): r is LogprobResult {
  return !!r && typeof r === "object" && "tokens" in r && Array.isArray(r.tokens) && r.tokens.length > 0;
}
