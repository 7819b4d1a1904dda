/**
 * A simulated world built from a task: answers from its examples, the hidden rule from two long
 * words of its first reference instruction, and proposals of mixed quality around that reference.
 */
import type { Task } from "../../../src/task/types.js";
import type { SimWorld } from "./types.js";

/** The world of `task`; the first reference is the instruction the simulated model rewards most. */
export function worldForTask(task: Task): SimWorld {
  const reference = task.references[0] ?? `Do the ${task.name} task.`;
  const keywords = reference
    .toLowerCase()
    .replace(/[^a-z ]/g, " ")
    .split(" ")
    .filter((w) => w.length > 4)
    .slice(0, 2);
  const answers: Record<string, string> = {};
  for (const e of [...task.splits.demo, ...task.splits.eval, ...task.splits.test]) answers[e.input] ??= e.outputs[0] ?? "";
  const half = keywords[0] ? `Think about the ${keywords[0]} and answer.` : "Answer the question.";
  return { answers, keywords, proposals: [reference, half, "Repeat the input.", "Write something else."] };
}
