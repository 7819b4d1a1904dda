/**
 * The metric seam: how a task's metric compares a prediction with one acceptable output, both
 * normalised first (as the original APE code does). The registry (`index.ts`) lists the metrics.
 */

/** One metric as the registry lists it. */
export interface MetricEntry<N extends string = string> {
  /** The name a task file gives in `metric`. */
  readonly name: N;
  /** Score a normalised prediction against one normalised acceptable output, in [0, 1]. */
  readonly compare: (prediction: string, gold: string) => number;
}

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
