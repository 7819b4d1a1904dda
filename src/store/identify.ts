/**
 * Whether a file is an ape results database, decided without writing to it: first from its
 * 100-byte SQLite header, read as plain bytes (so a file that is not SQLite, or that another
 * program marked as its own, is refused before SQLite opens it); then, for a file whose header
 * carries no application id, from what SQLite reads (which includes its write-ahead log): ape's
 * `application_id`, or ape's tables in a file made before ape set one.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { UsageError } from "../errors.js";
import type Database from "better-sqlite3";
import { APPLICATION_ID } from "./schema.js";

/** What a file is, as far as ape is concerned. */
export type Verdict =
  /** An empty file, or a SQLite database with nothing in it: ape may make it its own. */
  | { readonly kind: "empty" }
  /** Ape's, at this schema version (`PRAGMA user_version`; 0 when only the header was read). */
  | { readonly kind: "ape"; readonly version: number }
  /** Not ape's: another program's, or not SQLite at all. */
  | { readonly kind: "foreign"; readonly reason: string }
  /** A SQLite file with no application id: only its schema can tell. */
  | { readonly kind: "unmarked" };

const MAGIC = Buffer.from("SQLite format 3\0", "latin1");

/** The verdict of the header of `file` (which exists). */
export function readHeader(file: string): Verdict {
  const header = Buffer.alloc(100);
  const fd = openSync(file, "r");
  let read: number;
  try {
    read = readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (read === 0) return { kind: "empty" };
  if (read < header.length || !header.subarray(0, MAGIC.length).equals(MAGIC)) return { kind: "foreign", reason: "it is not a SQLite database" };
  const id = header.readUInt32BE(68);
  if (id === APPLICATION_ID) return { kind: "ape", version: 0 };
  if (id !== 0) return { kind: "foreign", reason: `it belongs to another program (its application_id is ${id})` };
  return { kind: "unmarked" };
}

/** The verdict of what SQLite reads from `db` (open, nothing written). */
export function readSchema(db: Database.Database): Exclude<Verdict, { readonly kind: "unmarked" }> {
  const id = db.pragma("application_id", { simple: true }) as number;
  const version = db.pragma("user_version", { simple: true }) as number;
  if (id === APPLICATION_ID) return { kind: "ape", version };
  if (id !== 0) return { kind: "foreign", reason: `it belongs to another program (its application_id is ${id})` };
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
  // Ape's files from before migration 4 have no application id, but always the runs table.
  if (version > 0 && tables.includes("runs")) return { kind: "ape", version };
  if (version === 0 && tables.length === 0) return { kind: "empty" };
  const shown = tables.slice(0, 5).join(", ") + (tables.length > 5 ? ", …" : "");
  return { kind: "foreign", reason: tables.length > 0 ? `its tables (${shown}) are not ape's` : `it is another program's (user_version ${version})` };
}

/** The error for a file that is not ape's: ape leaves it as it is. */
export function notApe(file: string, reason: string): UsageError {
  return new UsageError(
    `${file} is not an ape results database: ${reason}. ape leaves it untouched; name ape's database with --db or APE_DB (default results/ape.db), or a new file to start one.`,
  );
}
