import { describe, expect, it } from "vitest";
import { demoSubsets, evalDemos, renderDemos } from "../../src/task/demos.js";
import { parseTask, type Task } from "../../src/task/index.js";

const TASK: Task = parseTask(
  JSON.stringify({
    name: "t",
    examples: Array.from({ length: 100 }, (_, i) => ({ input: `in${i}`, output: i % 2 === 0 ? `out${i}` : [`out${i}`, `alt${i}`] })),
  }),
  "t.json",
);
const ids = (subsets: readonly (readonly { id: string }[])[]): string[][] => subsets.map((s) => s.map((e) => e.id));

describe("demo subsets (the examples shown to the proposer)", () => {
  it("draws distinct demos from the demo split only", () => {
    const demo = new Set(TASK.splits.demo.map((e) => e.id));
    for (const subset of demoSubsets(TASK, 5, 5, 1, "forward")) {
      expect(subset).toHaveLength(5);
      expect(new Set(subset.map((e) => e.id)).size).toBe(5);
      expect(subset.every((e) => demo.has(e.id))).toBe(true);
    }
  });

  it("gives the same subsets for the same seed, and subset i the same however many are drawn", () => {
    const four = ids(demoSubsets(TASK, 4, 5, 7, "forward"));
    expect(ids(demoSubsets(TASK, 4, 5, 7, "forward"))).toEqual(four);
    // A run continued with more subsets shows its first four proposers the same demos.
    expect(ids(demoSubsets(TASK, 9, 5, 7, "forward")).slice(0, 4)).toEqual(four);
    expect(ids(demoSubsets(TASK, 4, 5, 8, "forward"))).not.toEqual(four);
    expect(ids(demoSubsets(TASK, 4, 5, 7, "reverse"))).not.toEqual(four);
  });

  it("renders demos with the demo template, first output only, one blank line apart", () => {
    const [a, b] = TASK.splits.demo;
    if (a === undefined || b === undefined) throw new Error("the task has no demos");
    expect(renderDemos(TASK, [a, b])).toBe(`Input: ${a.input}\nOutput: ${a.outputs[0]}\n\nInput: ${b.input}\nOutput: ${b.outputs[0]}`);
    // The eval prompts' [full_DEMO]: one subset of the asked size, the same for the run's seed.
    const shown = evalDemos(TASK, 3, 2);
    expect(shown.split("\n\n")).toHaveLength(3);
    expect(evalDemos(TASK, 3, 2)).toBe(shown);
  });
});
