/**
 * The simulated proposer. Any generation that is not an evaluation returns instructions from the
 * world's `proposals`; a request for a variation returns instructions near the parent's quality,
 * sometimes a step better, so that resampling can improve a search.
 *
 * A variation request contains the word "variation" or "paraphrase" (any case). The instruction
 * to vary is either on the line(s) after a line that is exactly `Instruction:` (up to the next
 * blank line), or, failing that, the first text in double quotes.
 */
import { permutation, pick, unit } from "./hash.js";
import { keywordFraction } from "./world.js";
import { labelled } from "./reflection.js";
import type { SampleKey } from "./world.js";
import type { SimWorld } from "./types.js";

/** Trailing decorations a client must clean off a proposal. */
const DECORATIONS = ["", ".", "\n", ".\n\n", "\n\nInput:"] as const;
/** Chance a variant is drawn from the instructions better than its parent. */
const BETTER_CHANCE = 0.35;

/** The instruction a variation request asks to vary, or undefined if it is not one. */
export function variationParent(prompt: string): string | undefined {
  if (!/\b(variation|paraphrase)/i.test(prompt)) return undefined;
  const text = labelled(prompt, "Instruction:");
  if (text !== undefined) return text;
  const quoted = /"([^"\n]+)"/.exec(prompt);
  return quoted?.[1]?.trim();
}

/** Whether `prompt` uses the own-line `Instruction:` convention of a variation request. */
export function isLabelledVariation(prompt: string): boolean {
  return /\b(variation|paraphrase)/i.test(prompt) && prompt.split("\n").some((line) => line.trim() === "Instruction:");
}

function sampleParts(key: SampleKey): (number | undefined)[] {
  return key.temperature > 0 ? [key.requestSeed, key.sampleIndex] : [];
}

/**
 * One fresh proposal for `context` (the prompt, or prefix + suffix of a fill). The pool is
 * shuffled per (seed, context, request seed) and sample i takes the i-th entry, so the samples of
 * one request differ while the pool lasts.
 */
export function freshProposal(world: SimWorld, seed: number, context: string, key: SampleKey): string {
  const size = world.proposals.length;
  if (size === 0) return "Do the task.";
  const sampled = key.temperature > 0;
  const order = permutation(size, seed, "propose", context, sampled ? key.requestSeed : undefined);
  const slot = sampled ? key.sampleIndex % size : 0;
  return world.proposals[order[slot] ?? 0] as string;
}

/** One variant of `parent`: a pool instruction of similar quality, sometimes a step better. */
export function variant(world: SimWorld, seed: number, parent: string, key: SampleKey): string {
  const level = keywordFraction(world, parent);
  const others = world.proposals.filter((p) => p.trim().toLowerCase() !== parent.trim().toLowerCase());
  if (others.length === 0) return parent;
  const step = world.keywords.length === 0 ? 0 : 1 / world.keywords.length;
  const better = others.filter((p) => keywordFraction(world, p) > level).sort((a, b) => keywordFraction(world, a) - keywordFraction(world, b));
  const near = others.filter((p) => Math.abs(keywordFraction(world, p) - level) <= step + 1e-9);
  const parts = [seed, "variant", parent, ...sampleParts(key)];
  if (better.length > 0 && unit(...parts, "better") < BETTER_CHANCE) {
    const lowest = keywordFraction(world, better[0] as string);
    const nextStep = better.filter((p) => keywordFraction(world, p) === lowest);
    return nextStep[pick(nextStep.length, ...parts, "which")] as string;
  }
  const pool = near.length > 0 ? near : others;
  return pool[pick(pool.length, ...parts, "which")] as string;
}

/** The completion text of a proposal: a leading space (raw completions) and a deterministic tail. */
export function decorate(proposal: string, seed: number, key: SampleKey, leadingSpace: boolean): string {
  const tail = DECORATIONS[pick(DECORATIONS.length, seed, "decorate", proposal, ...sampleParts(key))] ?? "";
  return `${leadingSpace ? " " : ""}${proposal}${tail}`;
}
