/**
 * `--db` naming a file that is not ape's, or none: the inspection commands open the database
 * read-only, so they never create, migrate or change a file; one that is not ape's (another
 * program's SQLite, in rollback or WAL mode, or not SQLite at all) is refused by every command,
 * with exit code 2, leaving it byte for byte as it was and no -wal/-shm beside it.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { EXIT } from "../../src/errors.js";
import { APPLICATION_ID, MIGRATIONS } from "../../src/store/schema.js";
import { Store } from "../../src/store/store.js";
import { captured } from "../support/cli.js";
import { readDb } from "../support/db.js";
import { RUN } from "../support/store.js";
import { tempDir } from "../support/temp.js";

async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const ctx = captured();
  const code = await main(args, ctx);
  return { code, stdout: ctx.out(), stderr: ctx.err() };
}

/** What is in a folder: each file's name and the hash of its bytes. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).map((f) => [
      f,
      createHash("sha256")
        .update(readFileSync(join(dir, f)))
        .digest("hex"),
    ]),
  );
}

/** Another program's database: a table of its own, in `mode` (rollback journal or WAL), with an application id or none. */
function foreignDb(file: string, mode: "delete" | "wal", applicationId = 0): void {
  const db = new Database(file);
  db.pragma(`journal_mode = ${mode}`);
  if (applicationId !== 0) db.pragma(`application_id = ${applicationId}`);
  db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me')");
  db.close();
}

/** Every command that reads a results database, and `ape search` and `ape resume`, which write one. */
function commands(db: string, dir: string): string[][] {
  return [
    ["runs", "--db", db],
    ["show", "r1", "--db", db],
    ["report", "r1", "--out", join(dir, "out", "report.html"), "--db", db],
    ["export", "r1", "--db", db],
    ["resume", "r1", "--db", db],
    ["search", "--task", "tasks/antonyms.json", "--model", "vllm:m", "--base-url", "http://127.0.0.1:9/v1", "--db", db],
  ];
}

describe("a file that is not ape's", () => {
  const cases = [
    { name: "another program's SQLite file (rollback journal)", make: (f: string) => foreignDb(f, "delete"), reason: /its tables \(notes\) are not ape's/ },
    { name: "another program's SQLite file in WAL mode", make: (f: string) => foreignDb(f, "wal"), reason: /its tables \(notes\) are not ape's/ },
    { name: "a SQLite file marked by another program", make: (f: string) => foreignDb(f, "delete", 42), reason: /application_id is 42/ },
    { name: "a file that is not SQLite", make: (f: string) => writeFileSync(f, "not a database ".repeat(50)), reason: /not a SQLite database/ },
  ];
  for (const c of cases) {
    it(`${c.name}: every command refuses it (exit 2) and leaves it byte for byte as it was`, async () => {
      const dir = tempDir();
      const db = join(dir, "other.db");
      c.make(db);
      const before = snapshot(dir);
      for (const args of commands(db, dir)) {
        const r = await cli(args);
        expect(r.code, `${args[0]}: ${r.stderr}`).toBe(EXIT.usage);
        expect(r.stderr).toContain(`${db} is not an ape results database`);
        expect(r.stderr).toMatch(c.reason);
        expect(snapshot(dir), args[0]).toEqual(before);
      }
      expect(readdirSync(dir)).toEqual(["other.db"]);
    });
  }
});

describe("a results database that is not there", () => {
  it("is an error for the inspection commands (exit 2), which create neither the file nor its folder", async () => {
    const dir = tempDir();
    const db = join(dir, "sub", "ape.db");
    for (const args of commands(db, dir).slice(0, 5)) {
      const r = await cli(args);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(EXIT.usage);
      expect(r.stderr).toContain(`no results database at ${db}`);
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("ape's own files", () => {
  it("are marked as ape's (PRAGMA application_id) when created", () => {
    const db = join(tempDir(), "ape.db");
    new Store(db).close();
    expect(readDb<{ application_id: number }>(db, "PRAGMA application_id")[0]?.application_id).toBe(APPLICATION_ID);
  });

  it("from before that mark are known by their tables: read without being changed, and marked by the next search or resume", async () => {
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const store = new Store(db);
    store.createRun(RUN);
    store.setRunStatus("r1", "cancelled");
    store.close();
    // As an ape of schema 3 left it: no application id, no column of a later migration, one file (the log folded in).
    const raw = new Database(db);
    raw.exec("ALTER TABLE evaluations DROP COLUMN feedback");
    raw.pragma("application_id = 0");
    raw.pragma("user_version = 3");
    raw.pragma("journal_mode = DELETE");
    raw.close();
    const bytes = readFileSync(db);

    const listed = await cli(["runs", "--db", db]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain("r1");
    expect(readFileSync(db).equals(bytes)).toBe(true);

    // The run's stored settings are a stub, so the resume stops there (exit 2), once the file is open for writing.
    const resumed = await cli(["resume", "r1", "--db", db]);
    expect(resumed.stderr).toContain("no usable stored config");
    expect(readDb<{ application_id: number }>(db, "PRAGMA application_id")[0]?.application_id).toBe(APPLICATION_ID);
    expect(readDb<{ user_version: number }>(db, "PRAGMA user_version")[0]?.user_version).toBe(MIGRATIONS.length);
  });

  it("of an older schema are not migrated by an inspection command, which says how to upgrade them", async () => {
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const raw = new Database(db);
    raw.exec(MIGRATIONS[0] ?? "");
    raw.pragma("user_version = 1");
    raw.close();
    const bytes = readFileSync(db);
    const r = await cli(["runs", "--db", db]);
    expect(r.code, r.stderr).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/older ape \(version 1\).*ape resume RUN --db/);
    expect(readFileSync(db).equals(bytes)).toBe(true);
    expect(existsSync(`${db}-wal`)).toBe(false);
  });
});
