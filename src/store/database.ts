/**
 * Opening the SQLite file: WAL so readers never block the writer, a busy timeout so two searches
 * can share one file, foreign keys on, and migrations by `PRAGMA user_version`.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { UsageError } from "../errors.js";
import { MIGRATIONS } from "./schema.js";

/** The slice of better-sqlite3 the store uses. */
export type SqliteDatabase = Database.Database;

/** Default location of the results database, relative to the working directory. */
export const DEFAULT_DB = "results/ape.db";

/** Open (creating if needed) and migrate the database at `file` (`:memory:` for tests). */
export function openDatabase(file: string): SqliteDatabase {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  let db: SqliteDatabase;
  try {
    db = new Database(file);
  } catch (error) {
    throw new UsageError(`cannot open the results database ${file}: ${(error as Error).message}. Check --db / APE_DB.`, { cause: error });
  }
  try {
    db.pragma("busy_timeout = 10000");
    // Switching a new file to WAL can answer SQLITE_BUSY at once, without waiting, while another
    // process sets the same file up: wait a little and try again.
    whileBusy(() => db.pragma("journal_mode = WAL"));
    db.pragma("synchronous = NORMAL");
    // Copy the log into the file every 40 MB rather than 4 MB: a checkpoint syncs the disk, and a
    // search committing thousands of calls would stall on it every few hundred commits.
    db.pragma("wal_autocheckpoint = 10000");
    db.pragma("foreign_keys = ON");
    whileBusy(() => migrate(db, file));
  } catch (error) {
    db.close();
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file} is not a usable ape results database: ${(error as Error).message}`, { cause: error });
  }
  return db;
}

/** Run `step`, retrying for up to ~10 s while SQLite reports the file busy or locked. */
function whileBusy<T>(step: () => T): T {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; ; attempt++) {
    try {
      return step();
    } catch (error) {
      const code = error instanceof Database.SqliteError ? error.code : "";
      if (!code.startsWith("SQLITE_BUSY") && !code.startsWith("SQLITE_LOCKED")) throw error;
      if (attempt >= 200) throw error;
      Atomics.wait(pause, 0, 0, 20 + Math.floor(Math.random() * 30));
    }
  }
}

function migrate(db: SqliteDatabase, file: string): void {
  const current = (): number => db.pragma("user_version", { simple: true }) as number;
  const check = (version: number): void => {
    if (version > MIGRATIONS.length) {
      throw new UsageError(`${file} was written by a newer ape (schema ${version}, this one knows ${MIGRATIONS.length}); upgrade ape-search.`);
    }
  };
  check(current());
  if (current() >= MIGRATIONS.length) return;
  // Read the version again under the write lock: another process may have migrated meanwhile.
  const apply = db.transaction(() => {
    const version = current();
    check(version);
    for (let v = version; v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v] ?? "");
      db.pragma(`user_version = ${v + 1}`);
    }
  });
  apply.immediate();
}
