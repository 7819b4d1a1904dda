/**
 * The instruction-induction metrics (Honovich et al., as used by APE), each comparing a normalised
 * prediction with a normalised acceptable output: exact match, whole-word containment, token F1
 * and exact set of words.
 */
import type { MetricEntry } from "./metric.js";

const words = (text: string): string[] => (text === "" ? [] : text.split(" "));

/** The prediction is the output. */
export const exactMatch: MetricEntry<"exact_match"> = { name: "exact_match", compare: (prediction, gold) => (prediction === gold ? 1 : 0) };

/** The output is in the prediction, as whole words. */
export const contains: MetricEntry<"contains"> = {
  name: "contains",
  compare(prediction, gold) {
    if (gold === "") return prediction === "" ? 1 : 0;
    return ` ${prediction} `.includes(` ${gold} `) ? 1 : 0;
  },
};

/** Token F1 of the prediction's and the output's words. */
export const f1: MetricEntry<"f1"> = { name: "f1", compare: tokenF1 };

function tokenF1(prediction: string, gold: string): number {
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

/** The prediction and the output have the same set of words. */
export const exactSet: MetricEntry<"exact_set"> = {
  name: "exact_set",
  compare(prediction, gold) {
    const a = new Set(words(prediction));
    const b = new Set(words(gold));
    return a.size === b.size && [...a].every((w) => b.has(w)) ? 1 : 0;
  },
};
