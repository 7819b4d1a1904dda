/**
 * importApe: the APE layout (raw/induce, raw/execute, annotations) imported as the APE paper uses it:
 * every acceptable answer kept (rhymes, translations), induce cut into demos and eval, execute kept
 * whole as the test split.
 */
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import { TaskError, UsageError } from "../../../src/errors.js";
import { scorePrediction } from "../../../src/metrics/index.js";
import { importApe, loadTask, writeTasks } from "../../../src/task/index.js";
import { captured } from "../../support/cli.js";
import { rawExamples, writeApeLayout } from "../../support/import-sources.js";
import { tempFolder } from "../../support/temp.js";

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

describe("importApe: the ape-paper protocol", () => {
  it("keeps every acceptable answer, cuts induce into demos and eval, and keeps all 100 execute examples as test", async () => {
    const { dir, cleanup } = await tempFolder();
    try {
      await writeApeLayout(join(dir, "src"));
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

  it("names the source file and its own key when an example is bad, and writes nothing", async () => {
    const { dir, cleanup } = await tempFolder();
    try {
      await writeApeLayout(dir);
      const long = "x".repeat(20_001);
      await writeFile(
        join(dir, "raw/execute/rhymes.json"),
        rawExamples(9, (i) => ({ input: `w${i}`, output: "a", other_rhymes: i === 6 ? ["b", long] : ["b"] })),
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
        rawExamples(1, () => ({ input: "a", output: "b" })),
      );
      await expect(importApe(dir)).rejects.toThrow(`${join(dir, "raw/induce/rhymes.json")}: examples: 1 example(s); induce needs at least 2`);
      expect(await readdir(dir)).not.toContain("out");
    } finally {
      await cleanup();
    }
  });
});
