/** The results database on the command line: the `--db` flag, where it points, and opening it for the inspection commands (which never create one). */
import { existsSync } from "node:fs";
import type { Argv } from "yargs";
import { UsageError } from "../errors.js";
import { DEFAULT_DB } from "../store/database.js";
import { Store } from "../store/store.js";
import type { CliContext } from "./context.js";

/** Declare `--db`, the same on every command. */
export function dbFlag<T>(y: Argv<T>) {
  return y.option("db", { type: "string", describe: `Results database [default: $APE_DB or ${DEFAULT_DB}]`, group: "Results:" });
}

/** The database path from `--db`, then `APE_DB`, then the default. */
export function dbPath(flag: string | undefined, ctx: Pick<CliContext, "env">): string {
  return flag ?? ctx.env.APE_DB ?? DEFAULT_DB;
}

/** Open the database named by `--db`, `APE_DB` or the default; UsageError when there is none. */
export function openExistingStore(flag: string | undefined, ctx: CliContext): Store {
  const file = dbPath(flag, ctx);
  if (file !== ":memory:" && !existsSync(file)) {
    throw new UsageError(`no results database at ${file}; run \`ape search\` first, or name the file with --db or APE_DB.`);
  }
  return new Store(file);
}

/** Run `use` with the store open, closing it afterwards. */
export async function withStore<T>(flag: string | undefined, ctx: CliContext, use: (store: Store) => T | Promise<T>): Promise<T> {
  const store = openExistingStore(flag, ctx);
  try {
    return await use(store);
  } finally {
    store.close();
  }
}
