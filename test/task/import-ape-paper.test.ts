/**
 * The APE layout imported as the APE paper uses it: every acceptable answer kept (rhymes,
 * translations), induce cut into demos and eval, execute kept whole as the test split, and a search
 * that scores on exactly that split.
 */
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { TaskError } from "../../src/errors.js";
import { search } from "../../src/index.js";
import { scorePrediction } from "../../src/score/metrics.js";
import { importApe, loadTask, writeTasks } from "../../src/task/index.js";
import { captured } from "../support/cli.js";
import { startSimServer } from "../support/sim/index.js";
import { worldForTask } from "../support/sim/task-world.js";
import { tempDir, tempFolder } from "../support/temp.js";

const WORDS = ["cat", "hat", "bat", "mat", "rat", "sat", "flat", "fat", "vat", "pat"];

/** `n` raw examples keyed "1".."n", as the original files have them. */
function raw(n: number, make: (i: number) => Record<string, unknown>): string {
  return JSON.stringify({ metadata: { num_examples: n }, examples: Object.fromEntries(Array.from({ length: n }, (_, i) => [String(i + 1), make(i)])) });
}

/** An APE-layout folder with rhymes and translation_en-de: 10 induce and 100 execute examples each. */
async function layout(dir: string, execute = 100): Promise<void> {
  for (const sub of ["raw/induce", "raw/execute", "annotations"]) await mkdir(join(dir, sub), { recursive: true });
  const rhyme = (i: number): Record<string, unknown> => {
    const word = `${WORDS[i % WORDS.length] ?? "cat"}${i}`;
    return { input: word, output: `r${word}`, other_rhymes: [`r${word}`, `s${word}`, `t${word}`] };
  };
  const translation = (i: number): Record<string, unknown> => ({
    input: `word ${i}`,
    output: `Wort ${i}`,
    possible_translations: [`Wort ${i}`, `Begriff ${i}`],
  });
  for (const [name, make] of [
    ["rhymes", rhyme],
    ["translation_en-de", translation],
  ] as const) {
    await writeFile(join(dir, "raw/induce", `${name}.json`), raw(10, make));
    await writeFile(
      join(dir, "raw/execute", `${name}.json`),
      raw(execute, (i) => make(i + 1000)),
    );
  }
  await writeFile(
    join(dir, "annotations/rhymes.json"),
    JSON.stringify({ annotations: ["Write a word that rhymes with the input.", " Write a word that rhymes with the input. "] }),
  );
}

describe("importApe: the ape-paper protocol", () => {
  it("keeps every acceptable answer, cuts induce into demos and eval, and keeps all 100 execute examples as test", async () => {
    const { dir, cleanup } = await tempFolder();
    try {
      await layout(join(dir, "src"));
      const written = await writeTasks(await importApe(join(dir, "src")), join(dir, "out"));
      expect(written.map((w) => [w.name, w.counts.demo, w.counts.eval, w.counts.test, w.references])).toEqual([
        ["rhymes", 5, 5, 100, 1],
        ["translation_en-de", 5, 5, 100, 0],
      ]);
      const rhymes = await loadTask(join(dir, "out", "rhymes.json"));
      expect(rhymes.protocol).toBe("ape-paper");
      expect(rhymes.splits.test.map((e) => e.id)).toEqual(Array.from({ length: 100 }, (_, i) => `execute-${i + 1}`));
      const first = rhymes.splits.test[0];
      expect(first).toEqual({ id: "execute-1", input: "cat1000", outputs: ["rcat1000", "scat1000", "tcat1000"] });
      // The fix: a correct rhyme other than `output` now scores 1 (it scored 0 when only `output` was kept).
      expect(scorePrediction("exact_match", "tcat1000", first?.outputs ?? [])).toBe(1);
      expect(scorePrediction("exact_match", "tcat1000", ["rcat1000"])).toBe(0);
      const german = await loadTask(join(dir, "out", "translation_en-de.json"));
      expect(german.splits.test.every((e) => e.outputs.length === 2)).toBe(true);
      expect(german.splits.eval[0]?.outputs).toEqual([expect.stringMatching(/^Wort \d$/), expect.stringMatching(/^Begriff \d$/)]);
      // The stored splits are the splits: a seed given when loading re-splits nothing.
      expect((await loadTask(join(dir, "out", "rhymes.json"), { seed: 7 })).splits).toEqual(rhymes.splits);
    } finally {
      await cleanup();
    }
  });

  it("is scored by a search on exactly the 100 execute examples", async () => {
    const { dir, cleanup } = await tempFolder();
    try {
      await layout(join(dir, "src"));
      await writeTasks(await importApe(join(dir, "src")), join(dir, "out"));
      const task = await loadTask(join(dir, "out", "rhymes.json"));
      const server = await startSimServer({ seed: 1, world: worldForTask(task) });
      try {
        const result = await search({ task, model: "vllm:sim-model", baseUrls: [server.url], db: join(tempDir(), "ape.db"), candidates: 4, subsets: 1 });
        expect(result.status).toBe("done");
        expect(result.winner?.testCount).toBe(100);
        expect(result.references.map((r) => r.testCount)).toEqual([100]);
      } finally {
        await server.close();
      }
    } finally {
      await cleanup();
    }
  });

  it("names the source file and its own key when an example is bad, and writes nothing", async () => {
    const { dir, cleanup } = await tempFolder();
    try {
      await layout(dir);
      const long = "x".repeat(20_001);
      await writeFile(
        join(dir, "raw/execute/rhymes.json"),
        raw(9, (i) => ({ input: `w${i}`, output: "a", other_rhymes: i === 6 ? ["b", long] : ["b"] })),
      );
      const error = await importApe(dir).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TaskError);
      expect((error as TaskError).file).toBe(join(dir, "raw/execute/rhymes.json"));
      const ctx = captured();
      expect(await main(["import", "ape", dir, "--out", join(dir, "out")], ctx)).toBe(2);
      expect(ctx.err()).toContain(`${join(dir, "raw/execute/rhymes.json")}: examples["7"].other_rhymes[1]: too long: 20001 characters, the cap is 20000`);
      expect(ctx.err()).not.toContain(join(dir, "out"));
      await writeFile(
        join(dir, "raw/induce/rhymes.json"),
        raw(1, () => ({ input: "a", output: "b" })),
      );
      await expect(importApe(dir)).rejects.toThrow(`${join(dir, "raw/induce/rhymes.json")}: examples: 1 example(s); induce needs at least 2`);
      expect(await readdir(dir)).not.toContain("out");
    } finally {
      await cleanup();
    }
  });
});
