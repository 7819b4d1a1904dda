/**
 * Opening the SQLite file. For writing (a search): WAL so readers never block the writer, a busy
 * timeout so two searches can share one file, foreign keys on, and migrations by
 * `PRAGMA user_version`. For reading (the inspection commands): read-only, never created nor
 * migrated. Either way a file that is not ape's is refused before anything is written to it
 * (src/store/identify.ts), and a disk that refuses gives a StorageError naming the file.
 */
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { ApeError, UsageError } from "../errors.js";
import { notApe, readHeader, readSchema, type Verdict } from "./identify.js";
import { MIGRATIONS } from "./schema.js";
import { asStorageError } from "./storage-fault.js";

/** The slice of better-sqlite3 the store uses. */
export type SqliteDatabase = Database.Database;

/** Default location of the results database, relative to the working directory. */
export const DEFAULT_DB = "results/ape.db";

/** The oldest schema the inspection commands read as it is (3: suites, run owners). */
const READABLE_FROM = 3;

/** How a database is opened. */
export interface OpenOptions {
  /**
   * Read only: the file must exist and be ape's at a schema this ape reads; nothing is created,
   * migrated or written. @default false
   */
  readonly readOnly?: boolean;
}

/** Open the database at `file` (`:memory:` for tests): see OpenOptions. */
export function openDatabase(file: string, options: OpenOptions = {}): SqliteDatabase {
  return options.readOnly ? openForReading(file) : openForWriting(file);
}

/** Open (creating if needed) and migrate the database at `file`. */
function openForWriting(file: string): SqliteDatabase {
  const memory = file === ":memory:";
  const created = !memory && !existsSync(file);
  if (!memory) {
    try {
      if (!created) refuseForeign(file, readHeader(file));
      mkdirSync(dirname(file), { recursive: true });
    } catch (error) {
      throw openError(file, error);
    }
  }
  let db: SqliteDatabase | undefined;
  try {
    db = new Database(file);
    const opened = db;
    opened.pragma("busy_timeout = 10000");
    if (!created)
      refuseForeign(
        file,
        whileBusy(() => readSchema(opened)),
      );
    // Switching a new file to WAL can answer SQLITE_BUSY at once, without waiting, while another
    // process sets the same file up: wait a little and try again.
    whileBusy(() => opened.pragma("journal_mode = WAL"));
    opened.pragma("synchronous = NORMAL");
    // Copy the log into the file every 40 MB rather than 4 MB: a checkpoint syncs the disk, and a
    // search committing thousands of calls would stall on it every few hundred commits.
    opened.pragma("wal_autocheckpoint = 10000");
    opened.pragma("foreign_keys = ON");
    whileBusy(() => migrate(opened, file));
    return opened;
  } catch (error) {
    db?.close();
    // A file this open made and could not fill (a full disk) is not left behind empty.
    if (created) removeEmpty(file);
    throw openError(file, error);
  }
}

/** Open `file` read-only, after checking that it is ape's and at a schema this ape reads. */
function openForReading(file: string): SqliteDatabase {
  if (file === ":memory:") return new Database(file);
  let header: Verdict;
  try {
    header = readHeader(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw missingDatabase(file);
    throw openError(file, error);
  }
  if (header.kind === "empty") throw notApe(file, "it is empty");
  refuseForeign(file, header);
  // Reading a WAL-mode file makes SQLite create its -wal and -shm files beside it: a file found
  // not to be ape's gets back the folder it had.
  const sidecars = [`${file}-wal`, `${file}-shm`].filter((f) => !existsSync(f));
  let db: SqliteDatabase | undefined;
  let refused: UsageError;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const opened = db;
    opened.pragma("busy_timeout = 10000");
    const verdict = whileBusy(() => readSchema(opened));
    if (verdict.kind === "ape") {
      checkReadable(file, verdict.version);
      return opened;
    }
    refused = notApe(file, verdict.kind === "empty" ? "it has no tables" : verdict.reason);
  } catch (error) {
    db?.close();
    throw openError(file, error);
  }
  db.close();
  for (const f of sidecars) rmSync(f, { force: true });
  throw refused;
}

function checkReadable(file: string, version: number): void {
  checkNotNewer(file, version);
  if (version < READABLE_FROM) {
    throw new UsageError(
      `${file} has the schema of an older ape (version ${version}); this ape reads version ${READABLE_FROM} and newer without changing the file. Upgrade it by opening it once for writing (\`ape resume RUN --db ${file}\`, or an \`ape search --db ${file}\`).`,
    );
  }
}

function refuseForeign(file: string, verdict: Verdict): void {
  if (verdict.kind === "foreign") throw notApe(file, verdict.reason);
}

/** The error for a results database that is not there (the inspection commands never create one). */
export function missingDatabase(file: string): UsageError {
  return new UsageError(`no results database at ${file}; run \`ape search\` first, or name the file with --db or APE_DB.`);
}

/** An error while opening: ape's own as it is, a storage fault as a StorageError, else a UsageError. */
function openError(file: string, error: unknown): unknown {
  if (error instanceof ApeError) return error;
  const fault = asStorageError(error, file, "open the results database", "Nothing was written to it.");
  if (fault !== error) return fault;
  return new UsageError(`${file} is not a usable ape results database: ${(error as Error).message}. Check --db / APE_DB.`, { cause: error });
}

/** Remove `file` (and SQLite's files beside it) when it is empty. */
function removeEmpty(file: string): void {
  try {
    if (statSync(file).size > 0) return;
    for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
  } catch {
    // Gone already, or not ours to remove: the error being reported says what happened.
  }
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

function checkNotNewer(file: string, version: number): void {
  if (version > MIGRATIONS.length) {
    throw new UsageError(`${file} was written by a newer ape (schema ${version}, this one knows ${MIGRATIONS.length}); upgrade ape-search.`);
  }
}

function migrate(db: SqliteDatabase, file: string): void {
  const current = (): number => db.pragma("user_version", { simple: true }) as number;
  checkNotNewer(file, current());
  if (current() >= MIGRATIONS.length) return;
  // Read the version again under the write lock: another process may have migrated meanwhile.
  const apply = db.transaction(() => {
    const version = current();
    checkNotNewer(file, version);
    for (let v = version; v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v] ?? "");
      db.pragma(`user_version = ${v + 1}`);
    }
  });
  apply.immediate();
}
