/**
 * The instruction-induction metrics (Honovich et al., as used by APE): normalise the prediction,
 * then compare by exact match, whole-word containment, token F1 or exact set of words. With several
 * acceptable outputs the best one counts.
 */
import type { MetricName } from "../task/types.js";

/**
 * Normalise a prediction or a gold output, in the original code's order: drop " and " and the
 * "Sentence 1:"/"Sentence 2:" labels, trim, keep the first line and the text before the first ".",
 * lower-case, turn "-" into a space, remove punctuation; we also collapse runs of spaces.
 */
export function normalize(text: string): string {
  let t = text
    .replace(/ and /g, " ")
    .replace(/Sentence 1:|Sentence 2:/g, " ")
    .trim();
  t = t.split("\n")[0] ?? "";
  t = t.split(".")[0] ?? "";
  t = t.toLowerCase();
  t = t.replace(/-/g, " ");
  t = t.replace(/[\p{P}\p{S}]/gu, "");
  return t.replace(/\s+/g, " ").trim();
}

const words = (text: string): string[] => (text === "" ? [] : text.split(" "));

function exactMatch(prediction: string, gold: string): number {
  return prediction === gold ? 1 : 0;
}

function contains(prediction: string, gold: string): number {
  if (gold === "") return prediction === "" ? 1 : 0;
  return ` ${prediction} `.includes(` ${gold} `) ? 1 : 0;
}

function f1(prediction: string, gold: string): number {
  const p = words(prediction);
  const g = words(gold);
  if (p.length === 0 || g.length === 0) return p.length === g.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const w of g) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of p) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      common++;
      counts.set(w, c - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / p.length;
  const recall = common / g.length;
  return (2 * precision * recall) / (precision + recall);
}

function exactSet(prediction: string, gold: string): number {
  const a = new Set(words(prediction));
  const b = new Set(words(gold));
  return a.size === b.size && [...a].every((w) => b.has(w)) ? 1 : 0;
}

const METRIC_FUNCTIONS: Readonly<Record<MetricName, (prediction: string, gold: string) => number>> = {
  exact_match: exactMatch,
  contains,
  f1,
  exact_set: exactSet,
};

/** Score a raw prediction against every acceptable output; the best counts. In [0, 1]. */
export function scorePrediction(metric: MetricName, prediction: string, outputs: readonly string[]): number {
  const p = normalize(prediction);
  let best = 0;
  for (const gold of outputs) best = Math.max(best, METRIC_FUNCTIONS[metric](p, normalize(gold)));
  return best;
}
