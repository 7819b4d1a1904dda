/**
 * A child `node` under the module hooks of `import-hooks.mjs`: what it printed, and which packages
 * it loaded; packages can be hidden from it as if they were not installed.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CliRun } from "./cli.js";
import { tempDir } from "./temp.js";

const HOOKS = join(import.meta.dirname, "import-hooks.mjs");

/** A finished child and the packages it loaded (`zod`, `@dqbd/tiktoken`), by the node_modules folder they were loaded from. */
export interface Loaded extends CliRun {
  readonly packages: ReadonlySet<string>;
}

/** Run `node …args` under the hooks, `hide` left uninstalled as far as it can tell; never throws. */
export function loaded(args: readonly string[], hide: readonly string[] = []): Promise<Loaded> {
  const record = join(tempDir("ape-loaded-"), "urls.txt");
  const env = { ...process.env, APE_RECORD_IMPORTS: record, APE_HIDE_PACKAGES: hide.join(",") };
  const child = spawn(process.execPath, ["--import", HOOKS, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.on("close", (code, signal) => {
      const urls = existsSync(record) ? readFileSync(record, "utf8").split("\n") : [];
      const packages = new Set(urls.flatMap((url) => /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []));
      resolve({ code, signal, stdout, stderr, packages });
    }),
  );
}
