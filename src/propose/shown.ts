/**
 * What a refining proposer shows of a parent: which of its scored eval examples count as failures
 * and successes, a seeded sample of each, and each example as the prompt writes it (input,
 * expected output, what the target answered, and the metric's feedback where it gave any).
 */
import type { Rng } from "../random.js";
import type { ShownExample } from "../store/lineage.js";
import type { Graded } from "./proposer.js";

/** Failures shown of a parent, at most. */
export const SHOWN_FAILURES = 4;
/** Successes shown of a parent, at most. */
export const SHOWN_SUCCESSES = 2;

/**
 * The examples a parent failed and those it got right. A score of 1 or more is a success; below
 * that, the parent's best score is one where it is not also its worst (partial credit, log-probs).
 */
export function partition(graded: readonly Graded[]): { readonly failures: readonly Graded[]; readonly successes: readonly Graded[] } {
  const scores = graded.map((g) => g.score);
  const top = Math.max(...scores);
  const bottom = Math.min(...scores);
  const success = (g: Graded): boolean => g.score >= 1 || (g.score >= top && top > bottom);
  return { failures: graded.filter((g) => !success(g)), successes: graded.filter(success) };
}

/** `k` of `items` drawn by `rng`, kept in their order (the eval split's), so a prompt reads in a stable order. */
export function pick<T>(items: readonly T[], k: number, rng: Rng): T[] {
  const chosen = new Set(rng.shuffle(items.map((_, i) => i)).slice(0, k));
  return items.filter((_, i) => chosen.has(i));
}

/** The lineage record of examples shown, as failures or not. */
export function shownOf(graded: readonly Graded[], failed: boolean): ShownExample[] {
  return graded.map((g) => ({ example: g.example.id, score: g.score, failed }));
}

/** One example as a prompt shows it; `answered` adds what the target answered (shown for failures). */
export function renderCase(g: Graded, answered: boolean): string {
  const outputs = g.example.outputs;
  const lines = [`Input: ${g.example.input}`, outputs.length > 1 ? `Expected (any of): ${outputs.join(" | ")}` : `Expected: ${outputs[0] ?? ""}`];
  if (answered && g.output !== null) lines.push(`Got: ${g.output === "" ? "(nothing)" : g.output}`);
  if (g.feedback !== undefined) lines.push(`Feedback: ${g.feedback}`);
  return lines.join("\n");
}

/** A titled block of examples, or nothing when there are none. */
export function caseBlock(title: string, cases: readonly Graded[], answered: boolean): string {
  return cases.length === 0 ? "" : `${title}\n\n${cases.map((g) => renderCase(g, answered)).join("\n\n")}\n\n`;
}
