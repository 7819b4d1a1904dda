/**
 * Source files for the importer tests: an APE-layout folder (raw/induce, raw/execute, annotations)
 * and a BIG-bench task, written the way the original projects ship them.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** Words the rhymes task is built from. */
const WORDS = ["cat", "hat", "bat", "mat", "rat", "sat", "flat", "fat", "vat", "pat"];

/** `n` raw examples keyed "1".."n", as the original files have them. */
export function rawExamples(n: number, make: (i: number) => Record<string, unknown>): string {
  return JSON.stringify({ metadata: { num_examples: n }, examples: Object.fromEntries(Array.from({ length: n }, (_, i) => [String(i + 1), make(i)])) });
}

/** An APE-layout folder with rhymes and translation_en-de: 10 induce and 100 execute examples each. */
export async function writeApeLayout(dir: string, execute = 100): Promise<void> {
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
    await writeFile(join(dir, "raw/induce", `${name}.json`), rawExamples(10, make));
    await writeFile(
      join(dir, "raw/execute", `${name}.json`),
      rawExamples(execute, (i) => make(i + 1000)),
    );
  }
  await writeFile(
    join(dir, "annotations/rhymes.json"),
    JSON.stringify({ annotations: ["Write a word that rhymes with the input.", " Write a word that rhymes with the input. "] }),
  );
}

/** A BIG-bench task with every way of giving choices: target_scores, multiple_choice_targets and plain targets. */
export const RUIN_NAMES = {
  name: "ruin_names",
  description: "Select the humorous edit that 'ruins' the input movie or musical artist name.",
  task_prefix: "Which of the following is a humorous edit of this artist or movie name?\n",
  examples: [
    { input: "star wars", target_scores: { "stare wars": 1, "stpr wars": 0, "start wars": 0 } },
    { input: "the beatles", target_scores: { "the beatless": 0, "the bettles": 1, "the beagles": 1 } },
    { input: "jaws", multiple_choice_targets: ["jams", "jaw", "jawz"], multiple_choice_scores: [1, 0, 0] },
    { input: "name a colour", target: ["red", "blue"] },
  ],
};
