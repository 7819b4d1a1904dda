import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captured } from "../support/cli.js";
import { tempFolder } from "../support/temp.js";

describe("ape tasks", () => {
  it("prints a table of the shipped tasks with split counts, metric and references", async () => {
    const ctx = captured();
    expect(await main(["tasks"], ctx)).toBe(0);
    const lines = ctx.out().trim().split("\n");
    expect(lines[0]).toMatch(/^name\s+demo\s+eval\s+test\s+metric\s+references$/);
    expect(lines.find((l) => l.startsWith("antonyms "))).toMatch(/^antonyms\s+\d+\s+\d+\s+\d+\s+exact_match\s+2$/);
    expect(lines.find((l) => l.startsWith("synonyms "))).toMatch(/\scontains\s/);
    expect(lines.length).toBeGreaterThanOrEqual(13);
    expect(ctx.err()).toBe("");
  });

  it("lists the folders and files given as arguments and reports their broken files", async () => {
    const { dir, cleanup } = await tempFolder();
    try {
      await writeFile(
        join(dir, "good.json"),
        JSON.stringify({
          name: "good",
          examples: [
            { input: "a", output: "b" },
            { input: "c", output: "d" },
          ],
        }),
      );
      await writeFile(join(dir, "bad.json"), "{");
      const ctx = captured();
      expect(await main(["tasks", `${dir}/`, "tasks/sum.json"], ctx)).toBe(2);
      expect(ctx.out()).toMatch(/^good\s+1\s+1\s+0\s+exact_match\s+0$/m);
      expect(ctx.out()).toMatch(/^sum\s+50\s+175\s+175\s+exact_match\s+\d$/m);
      expect(ctx.err()).toContain(`${dir}/bad.json: 1:2: not valid JSON`);
      const empty = captured();
      expect(await main(["tasks", join(dir, "Missing-Dir")], empty)).toBe(2);
      expect(empty.err()).toContain(`cannot read ${join(dir, "Missing-Dir")}: no such file or folder`);
    } finally {
      await cleanup();
    }
  });
});

describe("ape tasks validate", () => {
  it("says OK for good files and exits 0", async () => {
    const ctx = captured();
    const code = await main(["tasks", "validate", "tasks/antonyms.json", "test/fixtures/tasks/placeholders.jsonl"], ctx);
    expect(code).toBe(0);
    expect(ctx.out()).toMatch(/^OK tasks\/antonyms\.json \(antonyms: \d+ demo, \d+ eval, \d+ test, exact_match\)$/m);
    expect(ctx.out()).toMatch(/^OK test\/fixtures\/tasks\/placeholders\.jsonl/m);
  });

  it("lists every problem of each bad file and exits 2", async () => {
    const { dir, cleanup } = await tempFolder();
    try {
      const bad = join(dir, "bad.json");
      await writeFile(bad, JSON.stringify({ name: "x", metric: "bleu", examples: [{ input: "a" }, { input: "b", output: 1 }] }));
      const ctx = captured();
      expect(await main(["tasks", "validate", "tasks/sum.json", bad], ctx)).toBe(2);
      expect(ctx.out()).toContain("OK tasks/sum.json");
      expect(ctx.out()).toContain(`INVALID ${bad}`);
      expect(ctx.err()).toContain(`${bad}: metric: unknown metric "bleu"; valid metrics: exact_match, contains, f1, exact_set; or a metric of yours`);
      expect(ctx.err()).toContain(`${bad}: examples[0].output: missing`);
      expect(ctx.err()).toContain(`${bad}: examples[1].output: expected a string or a non-empty list of strings, got a number`);
      expect(ctx.err()).toContain("1 of 2 task files are invalid");
    } finally {
      await cleanup();
    }
  });

  it("loads a task's metric module as a search would, and names the file and the field when it cannot", async () => {
    const { dir, cleanup } = await tempFolder();
    try {
      await writeFile(join(dir, "metric.mjs"), "export const lenient = (prediction, example) => (prediction === example.outputs[0] ? 1 : 0.5);\n");
      const task = (name: string, metric: object): Promise<void> =>
        writeFile(
          join(dir, `${name}.json`),
          JSON.stringify({
            name,
            metric,
            examples: [
              { input: "a", output: "b" },
              { input: "c", output: "d" },
            ],
          }),
        );
      await task("good", { module: "./metric.mjs", export: "lenient" });
      await task("no-export", { module: "./metric.mjs", export: "strict" });
      await task("no-module", { module: "./missing.mjs" });
      const files = ["good", "no-export", "no-module"].map((name) => join(dir, `${name}.json`));
      const ctx = captured();
      expect(await main(["tasks", "validate", ...files], ctx)).toBe(2);
      expect(ctx.out()).toContain(`OK ${files[0]} (good: `);
      expect(ctx.out()).toContain(`INVALID ${files[1]}`);
      expect(ctx.out()).toContain(`INVALID ${files[2]}`);
      expect(ctx.err()).toContain(`task file ${files[1]}: metric.module: ${join(dir, "metric.mjs")} has no export "strict"; its exports: lenient`);
      expect(ctx.err()).toContain(`task file ${files[2]}: metric.module: no metric module at ${join(dir, "missing.mjs")}`);
      expect(ctx.err()).toContain("2 of 3 task files are invalid");
    } finally {
      await cleanup();
    }
  });
});
