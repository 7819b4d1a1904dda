/**
 * The simulated reflection: a proposer that reads failures. It models the engine's side of
 * reflective refinement, not a model's skill: shown at least one failure of an instruction, it
 * proposes one a step closer to the hidden rule (one keyword more) with probability
 * `world.reflection`; otherwise, and when shown no failure, an instruction of the parent's level.
 * A merge of two instructions proposes, with the same probability, the least instruction of the
 * pool that holds every keyword of both (their strengths together); otherwise a variant of the
 * better one.
 *
 * A reflection request is a prompt with a line that is exactly `Instruction:` (the instruction to
 * improve follows, up to a blank line) and at least one line starting with `Expected`; each line
 * starting with `Got:` is one failure shown. A merge request has lines that are exactly
 * `Instruction A:` and `Instruction B:`, each followed by its instruction.
 */
import { pick, unit } from "./hash.js";
import type { SimWorld } from "./types.js";
import { hasKeyword, keywordFraction } from "./world.js";
import type { SampleKey } from "./world.js";

/** Chance a reflection shown failures, or a merge, steps closer to the rule, unless the world says. */
export const DEFAULT_REFLECTION = 0.5;

/** The text on the lines after the line that is exactly `label`, up to a blank line. */
export function labelled(prompt: string, label: string): string | undefined {
  const lines = prompt.split("\n");
  const at = lines.findIndex((line) => line.trim() === label);
  if (at < 0) return undefined;
  const rest = lines.slice(at + 1);
  const end = rest.findIndex((line) => line.trim() === "");
  const text = rest
    .slice(0, end < 0 ? rest.length : end)
    .join("\n")
    .trim();
  return text === "" ? undefined : text;
}

/** What a reflection request asks: the instruction to improve and how many of its failures it shows. */
export function reflectionAsk(prompt: string): { readonly parent: string; readonly failures: number } | undefined {
  const lines = prompt.split("\n");
  const parent = labelled(prompt, "Instruction:");
  if (parent === undefined || !lines.some((line) => line.startsWith("Expected"))) return undefined;
  return { parent, failures: lines.filter((line) => line.startsWith("Got:")).length };
}

/** The two instructions a merge request asks to combine. */
export function mergeAsk(prompt: string): { readonly a: string; readonly b: string } | undefined {
  const a = labelled(prompt, "Instruction A:");
  const b = labelled(prompt, "Instruction B:");
  return a === undefined || b === undefined ? undefined : { a, b };
}

function parts(seed: number, what: string, text: string, key: SampleKey): (string | number | undefined)[] {
  return [seed, what, text, ...(key.temperature > 0 ? [key.requestSeed, key.sampleIndex] : [])];
}

/** The world's keywords `text` holds. */
function keywordsOf(world: SimWorld, text: string): string[] {
  return world.keywords.filter((k) => hasKeyword(text, k));
}

/** A pool instruction holding every one of `needed` with the fewest keywords, drawn among equals; undefined if none. */
function leastWith(world: SimWorld, needed: readonly string[], choice: readonly (string | number | undefined)[]): string | undefined {
  const fits = world.proposals.filter((p) => needed.every((k) => hasKeyword(p, k)));
  if (fits.length === 0) return undefined;
  const fewest = Math.min(...fits.map((p) => keywordsOf(world, p).length));
  const least = fits.filter((p) => keywordsOf(world, p).length === fewest);
  return least[pick(least.length, ...choice, "which")];
}

/** A pool instruction of `parent`'s level (another one where there is one). */
function sameLevel(world: SimWorld, parent: string, choice: readonly (string | number | undefined)[]): string {
  const level = keywordFraction(world, parent);
  const near = world.proposals.filter((p) => keywordFraction(world, p) === level && p.trim().toLowerCase() !== parent.trim().toLowerCase());
  const pool = near.length > 0 ? near : world.proposals;
  return pool[pick(pool.length, ...choice, "which")] ?? parent;
}

/** One reflection on `parent` shown `failures` of its failures. */
export function reflection(world: SimWorld, seed: number, parent: string, failures: number, key: SampleKey): string {
  const choice = parts(seed, "reflect", parent, key);
  const missing = world.keywords.filter((k) => !hasKeyword(parent, k));
  if (failures > 0 && missing.length > 0 && unit(...choice, "closer") < (world.reflection ?? DEFAULT_REFLECTION)) {
    const next = missing[pick(missing.length, ...choice, "keyword")] as string;
    const closer = leastWith(world, [...keywordsOf(world, parent), next], choice);
    if (closer !== undefined) return closer;
  }
  return sameLevel(world, parent, choice);
}

/** One merge of `a` and `b`. */
export function merged(world: SimWorld, seed: number, a: string, b: string, key: SampleKey): string {
  const choice = parts(seed, "merge", `${a}\n${b}`, key);
  const both = [...new Set([...keywordsOf(world, a), ...keywordsOf(world, b)])];
  if (unit(...choice, "combine") < (world.reflection ?? DEFAULT_REFLECTION)) {
    const combined = leastWith(world, both, choice);
    if (combined !== undefined) return combined;
  }
  return sameLevel(world, keywordFraction(world, a) >= keywordFraction(world, b) ? a : b, choice);
}

/** The wrappers a reply may come in, for the client to take off (`{}` is the instruction). */
const WRAPPERS = [
  "{}",
  '"{}"',
  "Improved instruction: {}",
  "```\n{}\n```",
  "Here is the improved instruction:\n\n{}",
  '"{}" It says what the task asks.',
] as const;

/** `instruction` as a reply, in a wrapper fixed by the hash of the sample. */
export function wrapReply(instruction: string, seed: number, key: SampleKey, leadingSpace: boolean): string {
  const wrapper = WRAPPERS[pick(WRAPPERS.length, ...parts(seed, "wrap", instruction, key))] ?? "{}";
  return `${leadingSpace ? " " : ""}${wrapper.replace("{}", instruction)}`;
}
