/**
 * The instruction-induction metrics (Honovich et al., as used by APE): exact match, whole-word
 * containment, token F1 and exact set of words. Each normalises the prediction and every
 * acceptable output itself (`normalize`, as the original code does) and keeps the best comparison.
 */
import { type Metric, normalize } from "./metric.js";

/** A built-in metric: a metric whose score is the best `compare` of the normalised texts. */
export interface MetricEntry<N extends string = string> extends Metric {
  /** The name a task file gives in `metric`. */
  readonly name: N;
  /** Score a normalised prediction against one normalised acceptable output, in [0, 1]. */
  readonly compare: (prediction: string, gold: string) => number;
}

/** The built-in metric `name` comparing by `compare`. Version 1: its scores are those of every ape so far. */
function builtin<N extends string>(name: N, compare: (prediction: string, gold: string) => number): MetricEntry<N> {
  return {
    name,
    version: "1",
    compare,
    score: (prediction, example) => bestMatch(compare, prediction, example.outputs),
  };
}

/** The best `compare` of the normalised prediction with each normalised acceptable output. In [0, 1]. */
export function bestMatch(compare: (prediction: string, gold: string) => number, prediction: string, outputs: readonly string[]): number {
  const p = normalize(prediction);
  let best = 0;
  for (const gold of outputs) best = Math.max(best, compare(p, normalize(gold)));
  return best;
}

const words = (text: string): string[] => (text === "" ? [] : text.split(" "));

/** The prediction is the output. */
export const exactMatch = builtin("exact_match", (prediction, gold) => (prediction === gold ? 1 : 0));

/** The output is in the prediction, as whole words. */
export const contains = builtin("contains", (prediction, gold) => {
  if (gold === "") return prediction === "" ? 1 : 0;
  return ` ${prediction} `.includes(` ${gold} `) ? 1 : 0;
});

/** Token F1 of the prediction's and the output's words. */
export const f1 = builtin("f1", tokenF1);

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
export const exactSet = builtin("exact_set", (prediction, gold) => {
  const a = new Set(words(prediction));
  const b = new Set(words(gold));
  return a.size === b.size && [...a].every((w) => b.has(w)) ? 1 : 0;
});
