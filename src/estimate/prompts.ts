/**
 * The prompts a search will send, rendered for counting: the proposal prompts of the seeded demo
 * subsets (from the run's own proposers) and, per example, the eval prompt with an instruction of
 * typical length (from the scorers' own prompt builder), assuming the completions route.
 */
import type { Resolved } from "../options.js";
import { initialProposers } from "../propose/index.js";
import { initialAsk } from "../propose/propose.js";
import { MAX_ANSWER_TOKENS } from "../score/exec.js";
import { evalDemos } from "../task/demos.js";
import { countTokens } from "../model/tokens.js";
import { evalPrompt } from "../score/prompt.js";
import type { ScorerName } from "../score/scorer.js";
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

/** The proposal prompts of the first pool, the samples asked per prompt, and the eval demos: asked of the run's own proposers. */
export function proposalPrompts(task: Task, r: Resolved): { prompts: string[]; perSubset: number; candidates: number; evalDemos: string } {
  const proposers = initialProposers(r.mode);
  const ask = initialAsk(proposers.length, r);
  const context = { task, demos: r.demos, seed: r.seed };
  const prompts = proposers.flatMap((p) => p.prompts(context, ask));
  return { prompts, perSubset: ask.each, candidates: proposers.length * ask.subsets * ask.each, evalDemos: evalDemos(task, r.demos, r.seed) };
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
      maxCompletion += MAX_ANSWER_TOKENS;
    }
  }
  const n = examples.length;
  return { calls: calls / n, promptTokens: prompt / n, completionTokens: completion / n, maxCompletionTokens: maxCompletion / n };
}
