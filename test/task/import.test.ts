import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TaskError, UsageError } from "../../src/errors.js";
import { importApe, importBigBench, importCsv, importJsonl, loadTask, writeTasks } from "../../src/task/index.js";
import { tempFolder } from "../support/temp.js";

const FIXTURE = "test/fixtures/ape-layout";

describe("importApe", () => {
  it("cuts induce into demos and eval (half each), keeps execute whole as test, and reads annotations", async () => {
    const tasks = await importApe(FIXTURE);
    expect(tasks.map((t) => t.name)).toEqual(["antonyms", "common_concept", "larger_animal"]);
    const { dir, cleanup } = await tempFolder();
    try {
      const written = await writeTasks(tasks, dir);
      expect(written.map((w) => [w.name, w.counts.demo, w.counts.eval, w.counts.test, w.references])).toEqual([
        ["antonyms", 2, 3, 8, 2],
        ["common_concept", 1, 2, 4, 1],
        ["larger_animal", 1, 1, 7, 0],
      ]);
      const concept = await loadTask(join(dir, "common_concept.json"));
      expect(concept.metric).toBe("f1");
      expect(concept.protocol).toBe("ape-paper");
      const induced = [...concept.splits.demo, ...concept.splits.eval];
      expect(induced.find((e) => e.id === "induce-1")).toEqual({ id: "induce-1", input: "a sun, a lamp, a candle", outputs: ["give light", "are bright"] });
      const antonyms = await loadTask(join(dir, "antonyms.json"));
      expect(antonyms.references).toEqual(["Write the opposite of the word.", "Give the antonym of the input."]);
      expect([...antonyms.splits.demo, ...antonyms.splits.eval].map((e) => e.input).sort()).toEqual(["big", "early", "happy", "hot", "open"]);
      expect(antonyms.splits.test.map((e) => e.id)).toEqual(Array.from({ length: 8 }, (_, i) => `execute-${i + 1}`));
      const larger = await loadTask(join(dir, "larger_animal.json"));
      expect([...larger.splits.demo, ...larger.splits.eval].map((e) => e.outputs)).toContainEqual(["elephant"]);
      await expect(writeTasks(tasks, dir)).rejects.toThrow(UsageError);
    } finally {
      await cleanup();
    }
  });

  it("is deterministic for a seed and imports one task from its raw file", async () => {
    expect(await importApe(FIXTURE, { seed: 3 })).toEqual(await importApe(FIXTURE, { seed: 3 }));
    const [one] = await importApe(join(FIXTURE, "raw/execute/antonyms.json"));
    expect(one?.name).toBe("antonyms");
  });

  it("names the file and example of a bad raw file", async () => {
    const { dir, cleanup } = await tempFolder();
    try {
      const induce = join(dir, "raw/induce");
      await mkdir(induce, { recursive: true });
      await writeFile(join(induce, "t.json"), JSON.stringify({ examples: { "1": { input: "a", output: "b" }, "2": { output: "c" } } }));
      await expect(importApe(dir)).rejects.toThrow(/t\.json: examples\["2"\]: expected "input" to be a string/);
    } finally {
      await cleanup();
    }
  });
});

describe("importBigBench, importCsv, importJsonl", () => {
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

  it("reads CSV columns and JSONL lines", async () => {
    const { dir, cleanup } = await tempFolder();
    try {
      const csv = join(dir, "words.csv");
      await writeFile(csv, 'word,meaning,x\nbig,"large, huge",1\nsmall,little,2\nhot,warm,3\n');
      const task = await importCsv(csv, { inputCol: "word", outputCol: "meaning" });
      expect(task.name).toBe("words");
      expect(task.examples[0]).toEqual({ input: "big", output: "large, huge" });
      await expect(importCsv(csv)).rejects.toThrow(/no column "input" \(columns: word, meaning, x\); choose one with --input-col/);
      await writeFile(csv, `word,meaning,x\nbig,"large,\nhuge",1\nsmall,${"y".repeat(20_001)},2\n`);
      await expect(importCsv(csv, { inputCol: "word", outputCol: "meaning" })).rejects.toThrow(
        `${csv}: line 4: column "meaning": too long: 20001 characters, the cap is 20000`,
      );
      await writeFile(csv, "a,b\n1,2,3\n");
      await expect(importCsv(csv, { inputCol: "a", outputCol: "b" })).rejects.toThrow(TaskError);
      const jsonl = join(dir, "lines.jsonl");
      await writeFile(jsonl, '{"input":"a","output":"b"}\n{"input":"c","output":["d","e"]}\n');
      expect((await importJsonl(jsonl)).examples).toHaveLength(2);
      await writeFile(jsonl, '{"input":"a","output":"b"}\n{"input":"c"}\n');
      await expect(importJsonl(jsonl)).rejects.toThrow(/lines\.jsonl: line 2: output: missing/);
    } finally {
      await cleanup();
    }
  });
});
