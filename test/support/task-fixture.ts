/**
 * A task file matching the simulated server's ready-made world (test/support/sim/fixture.ts):
 * inputs `word0…word99`, answers `opposite-N`, so a search over it has a known right winner.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { INPUTS, WORLD } from "./sim/fixture.js";

/** Write the world's task into `dir` and return its path. */
export function writeWorldTask(dir: string, extra: Record<string, unknown> = {}): string {
  const answers = WORLD.answers as Readonly<Record<string, string>>;
  const file = join(dir, "opposites.json");
  const task = {
    name: "opposites",
    metric: "exact_match",
    references: ["Write the opposite of the word."],
    examples: INPUTS.map((input, i) => ({ id: String(i), input, output: answers[input] })),
    ...extra,
  };
  writeFileSync(file, JSON.stringify(task, null, 1));
  return file;
}

/** The simulated world's task with only its first `n` examples (smaller searches, faster tests). */
export function writeSmallTask(dir: string, n = 40): string {
  return writeWorldTask(dir, { examples: INPUTS.slice(0, n).map((input, i) => ({ id: String(i), input, output: `opposite-${i}` })) });
}
