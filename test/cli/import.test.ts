import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { loadTask } from "../../src/task/index.js";
import { captured } from "../support/cli.js";
import { RUIN_NAMES } from "../support/import-sources.js";
import { tempFolder } from "../support/temp.js";

describe("ape import", () => {
  it("imports the APE layout, prints what it wrote, and the files validate", async () => {
    const { dir, cleanup } = await tempFolder();
    try {
      const ctx = captured();
      expect(await main(["import", "ape", "test/fixtures/ape-layout", "--out", dir], ctx)).toBe(0);
      expect(ctx.out().trim().split("\n")).toEqual([
        `wrote ${join(dir, "antonyms.json")}: 2 demo, 3 eval, 8 test, 2 references`,
        `wrote ${join(dir, "common_concept.json")}: 1 demo, 2 eval, 4 test, 1 references`,
        `wrote ${join(dir, "larger_animal.json")}: 1 demo, 1 eval, 7 test, 0 references`,
      ]);
      const check = captured();
      expect(await main(["tasks", dir], check)).toBe(0);
      expect(check.out()).toMatch(/^common_concept\s+1\s+2\s+4\s+f1\s+1$/m);
      const again = captured();
      expect(await main(["import", "ape", "test/fixtures/ape-layout", "--out", dir], again)).toBe(2);
      expect(again.err()).toContain("already exists; pass --force");
      expect(await main(["import", "ape", "test/fixtures/ape-layout", "--out", dir, "--force"], captured())).toBe(0);
    } finally {
      await cleanup();
    }
  });

  it("imports CSV with chosen columns, JSONL and BIG-bench", async () => {
    const { dir, cleanup } = await tempFolder();
    try {
      const csv = join(dir, "capitals.csv");
      await writeFile(csv, "country,capital\nFrance,Paris\nSpain,Madrid\nItaly,Rome\nPeru,Lima\nChad,N'Djamena\n");
      const ctx = captured();
      const args = ["import", "csv", csv, "--input-col", "country", "--output-col", "capital", "--out", join(dir, "out"), "--metric", "contains"];
      expect(await main(args, ctx)).toBe(0);
      expect(ctx.out()).toBe(`wrote ${join(dir, "out", "capitals.json")}: 1 demo, 2 eval, 2 test, 0 references\n`);
      const written = JSON.parse(await readFile(join(dir, "out", "capitals.json"), "utf8")) as { metric: string };
      expect(written.metric).toBe("contains");

      const jsonl = join(dir, "pairs.jsonl");
      await writeFile(jsonl, '{"input":"a","output":"b"}\n{"input":"c","output":"d"}\n');
      expect(await main(["import", "jsonl", jsonl, "--out", join(dir, "out"), "--name", "letters"], captured())).toBe(0);

      const bb = join(dir, "task.json");
      await writeFile(
        bb,
        JSON.stringify({
          name: "bb",
          examples: [
            { input: "q", target_scores: { yes: 1, no: 0 } },
            { input: "r", target: "s" },
          ],
        }),
      );
      const bbCtx = captured();
      expect(await main(["import", "bigbench", bb, "--out", join(dir, "out")], bbCtx)).toBe(0);
      expect(bbCtx.out()).toContain("bb.json: 1 demo, 1 eval, 0 test");
    } finally {
      await cleanup();
    }
  });

  it("names the file when the input is bad, and writes nothing", async () => {
    const { dir, cleanup } = await tempFolder();
    try {
      const csv = join(dir, "x.csv");
      await writeFile(csv, "a,b\n1,2\n");
      const ctx = captured();
      expect(await main(["import", "csv", csv, "--out", join(dir, "out")], ctx)).toBe(2);
      expect(ctx.err()).toContain(`${csv} has no column "input" (columns: a, b)`);
      const missing = captured();
      expect(await main(["import", "bigbench", join(dir, "nope.json")], missing)).toBe(2);
      expect(missing.err()).toContain(`${join(dir, "nope.json")}: cannot read: no such file`);
      const one = join(dir, "one.json");
      await writeFile(one, JSON.stringify({ examples: [{ input: "q", target: "a" }] }));
      const single = captured();
      expect(await main(["import", "bigbench", one, "--out", join(dir, "out")], single)).toBe(2);
      expect(single.err()).toContain(`invalid task file ${one}:\n  ${one}: split: the eval split is empty`);
      expect(single.err()).not.toContain(join(dir, "out"));
      const format = captured();
      expect(await main(["import", "xml", csv], format)).toBe(2);
      expect(ctx.out() + missing.out()).toBe("");
    } finally {
      await cleanup();
    }
  });

  it("imports through the CLI with --task-prefix", async () => {
    const { dir, cleanup } = await tempFolder();
    try {
      const file = join(dir, "task.json");
      await writeFile(file, JSON.stringify(RUIN_NAMES));
      const ctx = captured();
      expect(await main(["import", "bigbench", file, "--out", dir, "--task-prefix", "template"], ctx)).toBe(0);
      expect(ctx.out()).toBe(`wrote ${join(dir, "ruin_names.json")}: 1 demo, 2 eval, 1 test, 0 references\n`);
      const task = await loadTask(join(dir, "ruin_names.json"));
      expect(String(task.templates.eval).startsWith(RUIN_NAMES.task_prefix)).toBe(true);
      expect([...task.splits.demo, ...task.splits.eval, ...task.splits.test].map((e) => e.input)).toContain(
        "jaws\n  choice: jams\n  choice: jaw\n  choice: jawz",
      );
    } finally {
      await cleanup();
    }
  });
});
