/**
 * Start: how long a light command takes from spawn to exit, against a bare `node -e 0` on the same
 * machine in the same run. Each command is spawned N times, the commands taking turns so that a busy
 * moment falls on all of them alike; the figure is each median over `node -e 0`'s. Goal: ≤ 2× for
 * `--version` and `runs`. The floor any command parsed by yargs stands on (importing yargs and
 * answering `--version`) is measured beside them.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Store } from "../../src/store/store.js";
import { BIN } from "../support/cli.js";
import { tempDir } from "../support/temp.js";
import { fmt, median } from "./gateway-support.js";

/** Spawns of each command. */
const SPAWNS = 31;

/** Milliseconds from spawning `node …args` to its exit; throws when it fails. */
function spawnMs(args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`node ${args.join(" ")} exited ${child.status}: ${child.stderr.toString()}`);
  return ms;
}

/** Run the comparison. */
export async function run(): Promise<void> {
  const db = join(tempDir("ape-bench-start-"), "empty.db");
  new Store(db).close();
  const here = JSON.stringify(import.meta.url);
  const commands: readonly (readonly [string, readonly string[]])[] = [
    ["node -e 0", ["-e", "0"]],
    [
      "yargs alone: --version",
      // Loaded as src/cli/main.ts loads it: its CommonJS build.
      [
        "--input-type=module",
        "-e",
        `const { createRequire } = await import("node:module"); const y = createRequire(${here})("yargs/yargs"); await y(["--version"]).version("0").parseAsync();`,
      ],
    ],
    ["ape --version", [BIN, "--version"]],
    ["ape --help", [BIN, "--help"]],
    ["ape runs --db <empty db>", [BIN, "runs", "--db", db]],
  ];
  const times = commands.map((): number[] => []);
  for (const [, args] of commands) spawnMs(args); // the files into the page cache
  for (let i = 0; i < SPAWNS; i++) {
    for (const [c, [, args]] of commands.entries()) times[c]?.push(spawnMs(args));
  }
  const base = median(times[0] ?? []);
  console.log(`start: median of ${SPAWNS} spawns each, taking turns; goal ≤ 2× node -e 0 for --version and runs`);
  console.log(`${"command".padEnd(26)} ${"median ms".padStart(10)} ${"× node -e 0".padStart(12)}`);
  for (const [c, [name]] of commands.entries()) {
    const m = median(times[c] ?? []);
    console.log(`${name.padEnd(26)} ${fmt(m, 1).padStart(10)} ${fmt(m / base).padStart(12)}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
