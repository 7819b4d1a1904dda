/**
 * The results database on the command line: the `--db` flag, where it points, and opening it for
 * the inspection commands, read-only: they never create, migrate or write a file, and refuse one
 * that is not ape's.
 */
import { existsSync } from "node:fs";
import type { Argv } from "yargs";
import { DEFAULT_DB, missingDatabase } from "../store/database.js";
import { asStorageError } from "../store/storage-fault.js";
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

/**
 * Run `use` with the database open read-only (`write`: open for writing, migrating an older
 * file, as `ape resume` does), closing it afterwards. UsageError when there is no file or it is
 * not ape's; StorageError when the disk refuses.
 */
export async function withStore<T>(flag: string | undefined, ctx: CliContext, use: (store: Store) => T | Promise<T>, write = false): Promise<T> {
  const file = dbPath(flag, ctx);
  if (write && file !== ":memory:" && !existsSync(file)) {
    throw missingDatabase(file);
  }
  const store = new Store(file, { readOnly: !write });
  try {
    return await use(store);
  } catch (error) {
    throw asStorageError(error, file, "read the results database");
  } finally {
    store.close();
  }
}
