/**
 * A finished search for the inspection-command tests (show, export, report, progress): run the
 * real, built CLI (`node bin/ape.js`, so run `npm run build` first; `npm test` does) and make a
 * finished run against the simulated server.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { WORLD } from "./sim/fixture.js";
import { startSimServer } from "./sim/index.js";
import { ape, captured, type CliRun, searchArgs } from "./cli.js";
import type { SimServer } from "./sim/index.js";
import { writeSmallTask } from "./task-fixture.js";
import { tempDir } from "./temp.js";

/**
 * The fixture world with fifteen proposals instead of six, so that resampling finds new variants:
 * runs have several rounds, and candidates with parents.
 */
export const PROPOSALS: readonly string[] = [
  ...WORLD.proposals,
  "Name the antonym.",
  "Output the opposite word.",
  "Give an antonym.",
  "State the opposite.",
  "Copy the word.",
  "Spell the word backwards.",
  "Provide the word's opposite.",
  "Find the antonym of this word.",
  "Write a synonym.",
];

/** A finished search: its folder, database, id, and the search's own output. */
export interface Finished {
  readonly dir: string;
  readonly db: string;
  readonly task: string;
  readonly runId: string;
  readonly search: CliRun;
  readonly server: SimServer;
}

/** Run the CLI in-process (same code as the binary, without starting a process). */
export async function inProcess(args: readonly string[]): Promise<CliRun> {
  const ctx = captured();
  const code = await main(args, ctx);
  return { code, signal: null, stdout: ctx.out(), stderr: ctx.err() };
}

/**
 * Search the simulated antonym world with the CLI: priced calls (so cost is non-zero), up to three
 * resampling rounds, JSON result on stdout and the given progress mode on stderr. `binary: false`
 * runs the search in-process, for tests about what the inspection commands make of a finished run.
 */
export async function finishedRun(progress: "json" | "plain" | "none" = "none", extra: readonly string[] = [], binary = true): Promise<Finished> {
  const server = await startSimServer({ world: { ...WORLD, proposals: PROPOSALS }, seed: 7 });
  const dir = tempDir("ape-report-");
  const db = join(dir, "ape.db");
  const prices = join(dir, "prices.json");
  writeFileSync(prices, JSON.stringify({ "sim-model": { input: 1, output: 2 } }));
  // 48 of the world's 100 examples: the same winner, a third of the evaluations (tests stay quick).
  const task = writeSmallTask(dir, 48);
  const args = searchArgs(task, server.url, [
    "--candidates",
    "4",
    "--subsets",
    "2",
    "--rounds",
    "3",
    "--seed",
    "1",
    "--prices",
    prices,
    "--db",
    db,
    "--json",
    "--progress",
    progress,
    ...extra,
  ]);
  const search = binary ? await ape(args) : await inProcess(args);
  if (search.code !== 0) throw new Error(`search failed (${search.code}): ${search.stderr}`);
  const runId = (JSON.parse(search.stdout) as { runId: string }).runId;
  return { dir, db, task, runId, search, server };
}
