/**
 * The simulated model's task knowledge: how good an instruction is (the fraction of the hidden
 * keywords it mentions), what an evaluation prompt asks, and whether the model answers it right.
 */
import { unit, pick } from "./hash.js";
import type { SimWorld } from "./types.js";

/** Default quality of an instruction with none of the keywords. */
export const DEFAULT_FLOOR = 0.1;
/** Default quality of an instruction with all of the keywords. */
export const DEFAULT_CEILING = 0.95;

/** The parts of an evaluation prompt. */
export interface EvalPrompt {
  readonly instruction: string;
  readonly input: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether `keyword` occurs in `text`: case-insensitive, starting at a word boundary, prefix allowed. */
export function hasKeyword(text: string, keyword: string): boolean {
  const words = keyword.trim().split(/\s+/).map(escapeRegExp).join("\\s+");
  return new RegExp(`(?<![\\p{L}\\p{N}])${words}`, "iu").test(text);
}

/** Fraction of the world's keywords present in `instruction` (1 when the world has none). */
export function keywordFraction(world: SimWorld, instruction: string): number {
  if (world.keywords.length === 0) return 1;
  const found = world.keywords.filter((k) => hasKeyword(instruction, k)).length;
  return found / world.keywords.length;
}

/** Probability that the model answers correctly under `instruction`. */
export function quality(world: SimWorld, instruction: string): number {
  const floor = world.floor ?? DEFAULT_FLOOR;
  const ceiling = world.ceiling ?? DEFAULT_CEILING;
  return floor + (ceiling - floor) * keywordFraction(world, instruction);
}

/**
 * Read an evaluation prompt: one whose trimmed end is `Output:` and that has a line starting with
 * `Input:`. The input is the rest of the last `Input:` line. The instruction is the text after the
 * last line starting with `Instruction:` (label stripped) up to the next `Input:` line; without such
 * a line, everything before the first `Input:` line. Returns undefined for any other prompt.
 */
export function parseEval(prompt: string): EvalPrompt | undefined {
  if (!prompt.trimEnd().endsWith("Output:")) return undefined;
  const lines = prompt.split("\n");
  const inputLines = lines.flatMap((line, i) => (line.startsWith("Input:") ? [i] : []));
  const lastInput = inputLines.at(-1);
  const firstInput = inputLines[0];
  if (lastInput === undefined || firstInput === undefined) return undefined;
  const input = (lines[lastInput] ?? "").slice("Input:".length).trim();
  const labelled = lines.flatMap((line, i) => (line.startsWith("Instruction:") ? [i] : [])).at(-1);
  let instruction: string;
  if (labelled !== undefined) {
    const next = inputLines.find((i) => i > labelled) ?? lines.length;
    instruction = [(lines[labelled] ?? "").slice("Instruction:".length), ...lines.slice(labelled + 1, next)].join("\n");
  } else {
    instruction = lines.slice(0, firstInput).join("\n");
  }
  return { instruction: instruction.trim(), input };
}

/** The correct answer for `input`, if the world knows one. */
export function answerFor(world: SimWorld, input: string): string | undefined {
  const { answers } = world;
  if (typeof answers === "function") return answers(input);
  return Object.hasOwn(answers, input) ? answers[input] : undefined;
}

/** A deterministic wrong answer: another answer of the world, else the input reversed. */
export function distractor(world: SimWorld, seed: number, input: string, answer: string | undefined): string {
  if (typeof world.answers !== "function") {
    const others = [...new Set(Object.values(world.answers))].filter((a) => a !== answer);
    if (others.length > 0) return others[pick(others.length, seed, "distractor", input)] as string;
  }
  const reversed = [...input].reverse().join("");
  return reversed !== answer && reversed !== "" ? reversed : `not ${answer ?? input}`;
}

/** Which sample of which request an answer is for; `undefined` parts are left out of the hash. */
export interface SampleKey {
  readonly temperature: number;
  readonly requestSeed: number | undefined;
  readonly sampleIndex: number;
}

/**
 * The model's answer to an evaluation. Correct with probability quality(instruction); at
 * temperature 0 the request seed and sample index play no part, so the answer never changes.
 */
export function evalAnswer(world: SimWorld, seed: number, prompt: EvalPrompt, key: SampleKey): string {
  const answer = answerFor(world, prompt.input);
  const q = quality(world, prompt.instruction);
  const sampled = key.temperature > 0;
  const u = unit(seed, "eval", prompt.instruction, prompt.input, sampled ? key.requestSeed : undefined, sampled ? key.sampleIndex : undefined);
  if (answer !== undefined && u < q) return answer;
  return distractor(world, seed, prompt.input, answer);
}

/**
 * Per-token log-prob of an answer continuation: log(0.05 + 0.9q) when it is the correct answer,
 * log((1 − q)·0.1) otherwise, so mean log-prob ranks instructions as accuracy does.
 */
export function answerLogprob(world: SimWorld, prompt: EvalPrompt, continuation: string): number {
  const q = quality(world, prompt.instruction);
  const answer = answerFor(world, prompt.input);
  const correct = answer !== undefined && continuation.trim() === answer.trim();
  return correct ? Math.log(0.05 + 0.9 * q) : Math.log(Math.max((1 - q) * 0.1, 1e-6));
}
