import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTask, metricForTask, type Example, type Task } from "../../src/task/index.js";
import { generateAll, writeAll } from "../../tasks/make/index.js";
import { tempFolder } from "../support/temp.js";

const DIR = "tasks";

/** The 24 instruction-induction task names the APE paper reports on. */
const APE_TASKS = [
  "active_to_passive",
  "antonyms",
  "cause_and_effect",
  "common_concept",
  "diff",
  "first_word_letter",
  "informal_to_formal",
  "larger_animal",
  "letters_list",
  "negation",
  "num_to_verbal",
  "orthography_starts_with",
  "rhymes",
  "second_word_letter",
  "sentence_similarity",
  "sentiment",
  "singular_to_plural",
  "sum",
  "synonyms",
  "taxonomy_animal",
  "translation_en-de",
  "translation_en-es",
  "translation_en-fr",
  "word_in_context",
];

function all(task: Task): Example[] {
  return [...task.splits.demo, ...task.splits.eval, ...task.splits.test];
}

/**
 * Share of the examples the best "more shared words, higher label" rule gets right: labels are
 * assigned in non-decreasing order of the pair's word overlap (Jaccard), the cut points chosen to
 * fit the labels as well as possible.
 */
function bestOverlapRule(examples: readonly Example[]): number {
  const words = (text: string): Set<string> =>
    new Set(
      text
        .toLowerCase()
        .replace(/[^a-z0-9' ]/g, " ")
        .split(/\s+/)
        .filter(Boolean),
    );
  const rows = examples.map((e) => {
    const [, a = "", b = ""] = /^Sentence 1: (.*) Sentence 2: (.*)$/.exec(e.input) ?? [];
    const [x, y] = [words(a), words(b)];
    const shared = [...x].filter((w) => y.has(w)).length;
    return { overlap: shared / (x.size + y.size - shared), label: Number(e.outputs[0]?.[0]) };
  });
  const groups = new Map<number, number[]>();
  for (const r of rows) {
    const counts = groups.get(r.overlap) ?? [0, 0, 0, 0, 0, 0];
    counts[r.label] = (counts[r.label] ?? 0) + 1;
    groups.set(r.overlap, counts);
  }
  let best = [0, 0, 0, 0, 0, 0];
  for (const [, counts] of [...groups].sort((p, q) => p[0] - q[0])) best = best.map((_, label) => Math.max(...best.slice(0, label + 1)) + (counts[label] ?? 0));
  return Math.max(...best) / rows.length;
}

async function shipped(): Promise<string[]> {
  return (await readdir(DIR)).filter((f) => f.endsWith(".json")).sort();
}

describe("shipped tasks", () => {
  it("are the 24 tasks of the APE paper, and every one validates", async () => {
    const files = await shipped();
    expect(files).toEqual(APE_TASKS.map((name) => `${name}.json`));
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

  it("translate English words with every common translation accepted", async () => {
    const expected: Record<string, [string, readonly string[]][]> = {
      "translation_en-de": [
        ["house", ["Haus"]],
        ["car", ["Auto", "Wagen"]],
        ["never", ["nie", "niemals"]],
      ],
      "translation_en-es": [
        ["house", ["casa"]],
        ["car", ["coche", "carro", "auto"]],
        ["never", ["nunca", "jamás"]],
      ],
      "translation_en-fr": [
        ["house", ["maison"]],
        ["car", ["voiture", "auto"]],
        ["egg", ["œuf"]],
      ],
    };
    for (const [name, words] of Object.entries(expected)) {
      const task = await loadTask(join(DIR, `${name}.json`));
      const by = new Map(all(task).map((e) => [e.input, e.outputs]));
      expect(by.size).toBe(165);
      for (const [english, translations] of words) expect(by.get(english), `${name}: ${english}`).toEqual(translations);
      expect(all(task).filter((e) => e.outputs.length > 1).length).toBeGreaterThanOrEqual(15);
    }
  });

  it("give sentence_similarity labels judged by hand, which word overlap does not predict", async () => {
    const task = await loadTask(join(DIR, "sentence_similarity.json"));
    const examples = all(task);
    const perLabel = new Map<string, number>();
    for (const e of examples) perLabel.set(e.outputs[0] ?? "", (perLabel.get(e.outputs[0] ?? "") ?? 0) + 1);
    expect([...perLabel.values()]).toEqual([26, 26, 26, 26, 26, 26]);
    // The generated labels this replaced were 80% predictable this way; chance is 17%.
    expect(bestOverlapRule(examples)).toBeLessThan(0.4);
    const swapped = examples.find((e) => e.input.includes("The dog bit the postman.") && e.input.includes("The postman bit the dog."));
    expect(swapped?.outputs).toEqual(["1 - probably not"]);
  });
});
