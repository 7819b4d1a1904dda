/**
 * The target's view of an item: the eval template rendered up to `[OUTPUT]`. The boundary is kept
 * clean for log-prob scoring: the prefix has no trailing whitespace, the answer carries it.
 */
import { render, splitAt } from "../template.js";
import type { Task } from "../task/types.js";
import type { ScoreItem } from "./scorer.js";

/** The eval prompt of an item, split where the answer goes. */
export interface EvalPrompt {
  /** Everything before the answer, without trailing whitespace. */
  readonly prefix: string;
  /** Whitespace that separates the answer from the prefix (at least one space). */
  readonly gap: string;
}

/** Render the eval template for an item; `demos` fills `[full_DEMO]` where the template has it. */
export function evalPrompt(task: Task, item: ScoreItem, demos: string): EvalPrompt {
  const { before } = splitAt(task.templates.eval, "OUTPUT");
  const text = render(before, { PROMPT: item.instruction, INPUT: item.example.input, full_DEMO: demos });
  const prefix = text.replace(/\s+$/, "");
  const gap = text.slice(prefix.length);
  return { prefix, gap: gap === "" ? " " : gap };
}
