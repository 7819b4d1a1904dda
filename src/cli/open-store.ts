/** Opening the results database for the inspection commands, which never create one. */
import { existsSync } from "node:fs";
import { UsageError } from "../errors.js";
import { Store } from "../store/store.js";
import type { CliContext } from "./context.js";
import { dbPath } from "./search-flags.js";

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
