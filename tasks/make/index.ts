/**
 * Generates the shipped tasks: `npx tsx tasks/make/index.ts [DIR]` writes one file per task into
 * DIR (default: tasks/). Deterministic: every random choice is seeded, so re-running it gives
 * byte-identical files (the test suite checks this).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { formatTaskFile } from "../../src/task/index.js";
import { largerAnimal, taxonomyAnimal } from "./animals.js";
import { buildTask, type TaskSpec } from "./build.js";
import { causeAndEffect } from "./causes.js";
import { commonConcept } from "./concepts.js";
import { wordInContext } from "./context.js";
import { informalToFormal } from "./formal.js";
import { antonyms, synonyms } from "./lexical.js";
import { diff, numToVerbal, sum } from "./numbers.js";
import { singularToPlural } from "./plural.js";
import { rhymes } from "./rhymes.js";
import { sentenceSimilarity } from "./similarity.js";
import { activeToPassive, negation, orthographyStartsWith, sentiment } from "./sentences.js";
import { translationEnDe, translationEnEs, translationEnFr } from "./translation.js";
import { firstWordLetter, lettersList, secondWordLetter } from "./words.js";

/** Every generator, one per shipped task. */
export const GENERATORS: readonly (() => TaskSpec)[] = [
  activeToPassive,
  antonyms,
  causeAndEffect,
  commonConcept,
  diff,
  firstWordLetter,
  informalToFormal,
  largerAnimal,
  lettersList,
  negation,
  numToVerbal,
  orthographyStartsWith,
  rhymes,
  secondWordLetter,
  sentenceSimilarity,
  sentiment,
  singularToPlural,
  sum,
  synonyms,
  taxonomyAnimal,
  translationEnDe,
  translationEnEs,
  translationEnFr,
  wordInContext,
];

/** The shipped task files: file name → text. */
export function generateAll(): Map<string, string> {
  const files = new Map<string, string>();
  for (const generate of GENERATORS) {
    const task = buildTask(generate());
    files.set(`${task.name}.json`, formatTaskFile(task));
  }
  return files;
}

/** Write every generated task into `dir`. */
export async function writeAll(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of generateAll()) {
    await writeFile(join(dir, name), text);
    written.push(name);
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), "..");
  const written = await writeAll(dir);
  process.stdout.write(`wrote ${written.length} tasks to ${dir}\n`);
}
