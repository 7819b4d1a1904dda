import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTask, metricForTask, type Task } from "../../src/task/index.js";
import { generateAll, writeAll } from "../../tasks/make/index.js";
import { tempFolder } from "../support/temp.js";

const DIR = "tasks";

async function shipped(): Promise<string[]> {
  return (await readdir(DIR)).filter((f) => f.endsWith(".json")).sort();
}

describe("shipped tasks", () => {
  it("are at least 12, including antonyms and sum, and every one validates", async () => {
    const files = await shipped();
    expect(files.length).toBeGreaterThanOrEqual(12);
    expect(files).toContain("antonyms.json");
    expect(files).toContain("sum.json");
    for (const file of files) {
      const task: Task = await loadTask(join(DIR, file));
      expect(task.name).toBe(file.replace(/\.json$/, ""));
      expect(task.metric).toBe(metricForTask(task.name));
      expect(task.references.length).toBeGreaterThanOrEqual(1);
      expect(task.splits.demo.length).toBeGreaterThanOrEqual(20);
      expect(task.splits.eval.length).toBeGreaterThanOrEqual(100);
      expect(task.splits.test.length).toBeGreaterThanOrEqual(1);
    }
  });

  it("are exactly what the generator writes (byte for byte), and it is deterministic", async () => {
    const generated = generateAll();
    expect([...generated.keys()].sort()).toEqual(await shipped());
    for (const [name, text] of generated) expect(await readFile(join(DIR, name), "utf8"), name).toBe(text);
    const { dir, cleanup } = await tempFolder();
    try {
      await writeAll(dir);
      for (const [name, text] of generateAll()) expect(await readFile(join(dir, name), "utf8")).toBe(text);
    } finally {
      await cleanup();
    }
  });

  it("hold right answers", async () => {
    const sum = await loadTask(join(DIR, "sum.json"));
    for (const e of [...sum.splits.demo, ...sum.splits.eval]) {
      const [x, y] = e.input.split(" ").map(Number);
      expect(Number(e.outputs[0])).toBe((x ?? NaN) + (y ?? NaN));
    }
    const verbal = await loadTask(join(DIR, "num_to_verbal.json"));
    const all = [...verbal.splits.demo, ...verbal.splits.eval, ...verbal.splits.test];
    const by = new Map(all.map((e) => [e.input, e.outputs[0]]));
    for (const [n, words] of by) if (Number(n) >= 1000 && Number(n) % 1000 >= 100) expect(words).toMatch(/ thousand, /);
    const antonyms = await loadTask(join(DIR, "antonyms.json"));
    const pairs = [...antonyms.splits.demo, ...antonyms.splits.eval, ...antonyms.splits.test];
    expect(pairs.find((e) => e.input === "hot")?.outputs).toContain("cold");
  });
});
