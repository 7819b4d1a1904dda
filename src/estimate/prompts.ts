/**
 * The prompts a search will send, rendered for counting: the proposal prompts of the seeded demo
 * subsets and, per example, the eval prompt with an instruction of typical length. They follow
 * src/propose and src/score (same templates, subsets and demos), assuming the completions route.
 */
import type { Resolved } from "../options.js";
import { demoSubsets, renderDemos } from "../task/demos.js";
import { countTokens } from "../model/tokens.js";
import { evalPrompt } from "../score/prompt.js";
import type { ScorerName } from "../score/scorer.js";
import { render, splitAt } from "../template.js";
import type { Example, Task } from "../task/types.js";

/** Accumulates one role's planned use. */
export interface RoleCounter {
  add(calls: number, promptTokens: number, completionTokens: number, maxCompletionTokens: number): void;
}

/** An instruction used when none is known: about as long as a typical proposal (13 tokens). */
export const TYPICAL_INSTRUCTION = "Read the input carefully and write the correct output for it.";

/** The instruction whose length stands for a candidate's: the task's first reference, or a typical one. */
export function typicalInstruction(task: Task): string {
  return task.references[0] ?? TYPICAL_INSTRUCTION;
}

/** The proposal prompts of the first pool, the samples asked per prompt, and the eval demos. */
export function proposalPrompts(task: Task, r: Resolved): { prompts: string[]; perSubset: number; candidates: number; evalDemos: string } {
  const modes = r.mode === "both" ? (["forward", "reverse"] as const) : ([r.mode] as const);
  const perMode = Math.ceil(r.candidates / modes.length);
  const subsets = Math.min(r.subsets, perMode);
  const perSubset = Math.ceil(perMode / subsets);
  const prompts: string[] = [];
  for (const mode of modes) {
    for (const demos of demoSubsets(task, subsets, r.demos, r.seed, mode)) {
      const full = renderDemos(task, demos);
      if (mode === "forward") {
        prompts.push(render(splitAt(task.templates.forward, "APE").before, { full_DEMO: full }).replace(/\s+$/, ""));
      } else {
        const { before, after } = splitAt(task.templates.reverse, "APE");
        prompts.push(render(before, { full_DEMO: full }) + render(after, { full_DEMO: full }));
      }
    }
  }
  const evalDemos = renderDemos(task, demoSubsets(task, 1, r.demos, r.seed, "eval")[0] ?? []);
  return { prompts, perSubset, candidates: modes.length * subsets * perSubset, evalDemos };
}

/** Mean calls and tokens of scoring one example. */
export interface PerExample {
  readonly calls: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly maxCompletionTokens: number;
}

/** Counts already made, per split: a search estimates twice (at the start and with its pool). */
const counted = new WeakMap<readonly Example[], Map<string, PerExample>>();

/** Mean calls and tokens of scoring one example of `examples` under an instruction. */
export function eachExample(task: Task, examples: readonly Example[], instruction: string, demos: string, scorer: ScorerName, model: string): PerExample {
  const key = JSON.stringify([task.templates.eval, instruction, demos, scorer, model]);
  const known = counted.get(examples) ?? new Map<string, PerExample>();
  counted.set(examples, known);
  const found = known.get(key) ?? countEach(task, examples, instruction, demos, scorer, model);
  known.set(key, found);
  return found;
}

function countEach(task: Task, examples: readonly Example[], instruction: string, demos: string, scorer: ScorerName, model: string): PerExample {
  if (examples.length === 0) return { calls: 0, promptTokens: 0, completionTokens: 0, maxCompletionTokens: 0 };
  let calls = 0;
  let prompt = 0;
  let completion = 0;
  let maxCompletion = 0;
  for (const example of examples) {
    const p = evalPrompt(task, { instruction, example }, demos);
    if (scorer === "logprob") {
      for (const out of example.outputs) {
        calls += 1;
        prompt += countTokens(model, p.prefix + p.gap + out);
      }
    } else {
      calls += 1;
      prompt += countTokens(model, p.prefix);
      completion += countTokens(model, ` ${example.outputs[0] ?? ""}`);
      maxCompletion += 48;
    }
  }
  const n = examples.length;
  return { calls: calls / n, promptTokens: prompt / n, completionTokens: completion / n, maxCompletionTokens: maxCompletion / n };
}
