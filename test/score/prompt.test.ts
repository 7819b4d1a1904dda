import { describe, expect, it } from "vitest";
import { evalPrompt } from "../../src/score/prompt.js";
import { parseTask, type Task } from "../../src/task/index.js";

/** A task of ten examples with the given eval template (the default when none is given). */
function task(evalTemplate?: string): Task {
  const examples = Array.from({ length: 10 }, (_, i) => ({ input: `word${i}`, output: `opposite-${i}` }));
  return parseTask(JSON.stringify({ name: "t", examples, ...(evalTemplate === undefined ? {} : { templates: { eval: evalTemplate } }) }), "t.json");
}

const item = (t: Task) => ({ instruction: "Give the antonym.", example: t.splits.eval[0] ?? { id: "0", input: "hot", outputs: ["cold"] } });

describe("evalPrompt (what the target model is shown for one example)", () => {
  it("renders the default template up to the answer, with the instruction and the input", () => {
    const t = task();
    const { prefix, gap } = evalPrompt(t, item(t), "");
    expect(prefix).toBe(`Instruction: Give the antonym.\nInput: ${item(t).example.input}\nOutput:`);
    expect(gap).toBe(" ");
  });

  it("keeps the whitespace before the answer out of the prefix, so log-probs score the answer's own first token", () => {
    const t = task("Q: [INPUT]\n[PROMPT]\nA:\n\n[OUTPUT]");
    const { prefix, gap } = evalPrompt(t, item(t), "");
    expect(prefix.endsWith("A:")).toBe(true);
    expect(gap).toBe("\n\n");
  });

  it("puts a space between prefix and answer when the template has none", () => {
    const t = task("[PROMPT] [INPUT] =>[OUTPUT]");
    expect(evalPrompt(t, item(t), "").gap).toBe(" ");
  });

  it("fills [full_DEMO] with the run's demos and never re-reads placeholders inside the instruction or input", () => {
    const t = task("[full_DEMO]\n\n[PROMPT]\n[INPUT] ->[OUTPUT]");
    const tricky = { instruction: "Answer [INPUT] with [OUTPUT].", example: { id: "x", input: "[PROMPT]", outputs: ["y"] } };
    const { prefix } = evalPrompt(t, tricky, "Input: a\nOutput: b");
    expect(prefix).toBe("Input: a\nOutput: b\n\nAnswer [INPUT] with [OUTPUT].\n[PROMPT] ->");
  });
});
