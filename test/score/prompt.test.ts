import { describe, expect, it } from "vitest";
import { evalPrompt, type TextPrompt } from "../../src/score/prompt.js";
import { parseTask, type Task } from "../../src/task/index.js";
import type { EvalTemplate } from "../../src/task/types.js";

/** A task of ten examples with the given eval template (the default when none is given). */
function task(evalTemplate?: EvalTemplate): Task {
  const examples = Array.from({ length: 10 }, (_, i) => ({ input: `word${i}`, output: `opposite-${i}` }));
  return parseTask(JSON.stringify({ name: "t", examples, ...(evalTemplate === undefined ? {} : { templates: { eval: evalTemplate } }) }), "t.json");
}

/** The completion-format prompt of an item. */
function textPrompt(t: Task, i: Parameters<typeof evalPrompt>[1], demos = ""): TextPrompt {
  const p = evalPrompt(t, i, demos, "completion");
  if (p.format !== "completion") throw new Error("expected a text prompt");
  return p;
}

const item = (t: Task) => ({ instruction: "Give the antonym.", example: t.splits.eval[0] ?? { id: "0", input: "hot", outputs: ["cold"] } });

describe("evalPrompt (what the target model is shown for one example)", () => {
  it("renders the default template up to the answer, with the instruction and the input", () => {
    const t = task();
    const { prefix, gap } = textPrompt(t, item(t));
    expect(prefix).toBe(`Instruction: Give the antonym.\nInput: ${item(t).example.input}\nOutput:`);
    expect(gap).toBe(" ");
  });

  it("keeps the whitespace before the answer out of the prefix, so log-probs score the answer's own first token", () => {
    const t = task("Q: [INPUT]\n[PROMPT]\nA:\n\n[OUTPUT]");
    const { prefix, gap } = textPrompt(t, item(t));
    expect(prefix.endsWith("A:")).toBe(true);
    expect(gap).toBe("\n\n");
  });

  it("puts a space between prefix and answer when the template has none", () => {
    const t = task("[PROMPT] [INPUT] =>[OUTPUT]");
    expect(textPrompt(t, item(t)).gap).toBe(" ");
  });

  it("fills [full_DEMO] with the run's demos and never re-reads placeholders inside the instruction or input", () => {
    const t = task("[full_DEMO]\n\n[PROMPT]\n[INPUT] ->[OUTPUT]");
    const tricky = { instruction: "Answer [INPUT] with [OUTPUT].", example: { id: "x", input: "[PROMPT]", outputs: ["y"] } };
    const { prefix } = textPrompt(t, tricky, "Input: a\nOutput: b");
    expect(prefix).toBe("Input: a\nOutput: b\n\nAnswer [INPUT] with [OUTPUT].\n[PROMPT] ->");
  });

  it("in the chat format, renders a template of messages message by message: the instruction in the system message, no answer slot", () => {
    const t = task([
      { role: "system", content: "[PROMPT] Answer with one word." },
      { role: "user", content: "hot" },
      { role: "assistant", content: "cold" },
      { role: "user", content: "[INPUT]" },
    ]);
    expect(evalPrompt(t, item(t), "", "chat")).toEqual({
      format: "chat",
      messages: [
        { role: "system", content: "Give the antonym. Answer with one word." },
        { role: "user", content: "hot" },
        { role: "assistant", content: "cold" },
        { role: "user", content: item(t).example.input },
      ],
    });
  });

  it("in the chat format, sends a text template as one user turn: the text up to the answer", () => {
    const t = task();
    expect(evalPrompt(t, item(t), "", "chat")).toEqual({
      format: "chat",
      messages: [{ role: "user", content: `Instruction: Give the antonym.\nInput: ${item(t).example.input}\nOutput:` }],
    });
  });
});
