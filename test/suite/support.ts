/**
 * Three tasks over the simulated server's world (test/support/sim/fixture.ts), each on its own
 * third of the inputs and with its own human reference: one as good as the best proposal, one with
 * none of the rewarded keywords, one with half of them.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { INPUTS, WORLD } from "../support/sim/fixture.js";

/** The references of the three tasks, by task name. */
export const REFERENCES = {
  "opposites-a": "Write the antonym of the word, its opposite.",
  "opposites-b": "Repeat the input word.",
  "opposites-c": "Say the opposite of the word.",
} as const;

/** Write the three task files into `dir/tasks` and return that folder. */
export function writeSuiteTasks(dir: string, extra: Record<string, unknown> = {}): string {
  const folder = join(dir, "tasks");
  mkdirSync(folder, { recursive: true });
  const answers = WORLD.answers as Readonly<Record<string, string>>;
  Object.entries(REFERENCES).forEach(([name, reference], k) => {
    const inputs = INPUTS.slice(k * 33, k * 33 + 33);
    const task = {
      name,
      metric: "exact_match",
      references: [reference],
      examples: inputs.map((input) => ({ id: input, input, output: answers[input] })),
      ...extra,
    };
    writeFileSync(join(folder, `${name}.json`), JSON.stringify(task, null, 1));
  });
  return folder;
}

/** The flags of a small suite against `url`. */
export function suiteArgs(tasks: string, url: string, db: string, concurrency: number, parallel = 3): string[] {
  return [
    "suite",
    "--tasks",
    tasks,
    "--model",
    "vllm:sim-model",
    "--base-url",
    url,
    "--candidates",
    "8",
    "--seed",
    "3",
    "--batch",
    "1",
    "--concurrency",
    String(concurrency),
    "--parallel",
    String(parallel),
    "--db",
    db,
    "--progress",
    "none",
  ];
}
