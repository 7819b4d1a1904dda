/** BIG-bench tasks imported as BIG-bench presents them: choices shown, prefix kept, every top answer accepted. */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import { TaskError } from "../../../src/errors.js";
import { importBigBench, loadTask, writeTasks } from "../../../src/task/index.js";
import { captured } from "../../support/cli.js";
import { RUIN_NAMES } from "../../support/import-sources.js";
import { tempFolder } from "../../support/temp.js";

async function imported(doc: unknown, options: Parameters<typeof importBigBench>[1] = {}): Promise<Awaited<ReturnType<typeof importBigBench>>> {
  const { dir, cleanup } = await tempFolder();
  try {
    await writeFile(join(dir, "task.json"), JSON.stringify(doc));
    return await importBigBench(join(dir, "task.json"), options);
  } finally {
    await cleanup();
  }
}

describe("importBigBench", () => {
  it("writes the choices into the input, accepts every top-scored choice, and keeps task_prefix as a reference", async () => {
    const task = await imported(RUIN_NAMES);
    expect(task.examples.map((e) => [e.input, e.output])).toEqual([
      ["star wars\n  choice: stare wars\n  choice: stpr wars\n  choice: start wars", "stare wars"],
      ["the beatles\n  choice: the beatless\n  choice: the bettles\n  choice: the beagles", ["the bettles", "the beagles"]],
      ["jaws\n  choice: jams\n  choice: jaw\n  choice: jawz", "jams"],
      ["name a colour", ["red", "blue"]],
    ]);
    expect(task.references).toEqual(["Which of the following is a humorous edit of this artist or movie name?"]);
    expect(task.templates).toBeUndefined();
  });

  it("honours append_choices_to_input: false, choice_prefix, and task_prefix as the start of the eval template", async () => {
    const plain = await imported({ ...RUIN_NAMES, append_choices_to_input: false });
    expect(plain.examples[0]?.input).toBe("star wars");
    const lettered = await imported({ ...RUIN_NAMES, choice_prefix: " | " });
    expect(lettered.examples[2]?.input).toBe("jaws | jams | jaw | jawz");
    const templated = await imported(RUIN_NAMES, { taskPrefix: "template" });
    expect(templated.references).toBeUndefined();
    expect(templated.templates?.eval).toBe(`${RUIN_NAMES.task_prefix}Instruction: [PROMPT]\nInput: [INPUT]\nOutput: [OUTPUT]`);
    const { dir, cleanup } = await tempFolder();
    try {
      await writeTasks([templated], dir);
      const loaded = await loadTask(join(dir, "ruin_names.json"));
      expect(loaded.templates.eval).toMatch(/^Which of the following is a humorous edit/);
    } finally {
      await cleanup();
    }
  });

  it("refuses scores that mark no choice, and choices without scores, naming the file and example", async () => {
    const zero = {
      examples: [
        { input: "a", target: "b" },
        { input: "q", target_scores: { yes: 0, no: 0 } },
      ],
    };
    await expect(imported(zero)).rejects.toThrow(/examples\[1\]: "target_scores" marks no choice as better than the others \(no score above 0\)/);
    const missing = { examples: [{ input: "q", multiple_choice_targets: ["yes", "no"] }] };
    await expect(imported(missing)).rejects.toThrow(/examples\[0\]: "multiple_choice_targets" needs "multiple_choice_scores": one score per choice \(2\)/);
    const notNumber = { examples: [{ input: "q", target_scores: { yes: "1", no: 0 } }] };
    await expect(imported(notNumber)).rejects.toThrow(TaskError);
    const { dir, cleanup } = await tempFolder();
    try {
      const file = join(dir, "task.json");
      await writeFile(file, JSON.stringify(zero));
      const ctx = captured();
      expect(await main(["import", "bigbench", file, "--out", join(dir, "out")], ctx)).toBe(2);
      expect(ctx.err()).toContain(`${file}: examples[1]: "target_scores" marks no choice`);
      expect(ctx.out()).toBe("");
    } finally {
      await cleanup();
    }
  });

  it("reads targets and target_scores (the best-scored keys)", async () => {
    const { dir, cleanup } = await tempFolder();
    try {
      const file = join(dir, "task.json");
      const examples = [
        { input: "2+2", target: "4" },
        { input: "pick", target_scores: { a: 0, b: 1, c: 1 } },
        { input: "hi", target: ["hello", "hey"] },
        { input: "x", target: "y" },
      ];
      await writeFile(file, JSON.stringify({ name: "bb task", description: "d", examples }));
      const task = await importBigBench(file);
      expect(task.name).toBe("bb task");
      expect(task.examples[1]?.output).toEqual(["b", "c"]);
      const [w] = await writeTasks([task], dir);
      expect(w?.file).toBe(join(dir, "bb_task.json"));
      await writeFile(file, JSON.stringify({ examples: [{ input: "a" }] }));
      await expect(importBigBench(file)).rejects.toThrow(/task\.json: examples\[0\]: expected "target", "target_scores", or "multiple_choice_targets"/);
    } finally {
      await cleanup();
    }
  });
});
