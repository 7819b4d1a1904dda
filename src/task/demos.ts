/** Demo subsets shown to the proposer, drawn from the demo split by the run's seed. */
import { createRng, deriveSeed, sample } from "../random.js";
import { render } from "../template.js";
import type { Example, Task } from "./types.js";

/** Render examples with the demo template, one blank line apart (the value of `[full_DEMO]`). */
export function renderDemos(task: Task, examples: readonly Example[]): string {
  return examples.map((e) => render(task.templates.demo, { INPUT: e.input, OUTPUT: e.outputs[0] ?? "" })).join("\n\n");
}

/** `count` subsets of `size` demos each; subset `i` depends only on the seed, `label` and `i`. */
export function demoSubsets(task: Task, count: number, size: number, seed: number, label: string): Example[][] {
  return Array.from({ length: count }, (_, i) => sample(task.splits.demo, size, createRng(deriveSeed(seed, label, i))));
}

/** The demos of `[full_DEMO]` in a run's eval prompts: one subset drawn by the run's seed. */
export function evalDemos(task: Task, size: number, seed: number): string {
  return renderDemos(task, demoSubsets(task, 1, size, seed, "eval")[0] ?? []);
}
