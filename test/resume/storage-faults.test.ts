/**
 * Storage faults met for real: a database that fills up during a search (SQLite's own page limit,
 * and a process whose files may not grow, as on a full disk), a full disk at open, and a
 * read-only database file. Each ends with exit code 6, a message naming the file and saying what
 * to do, no stack trace, and the run marked `failed` where the file can still be written; the run
 * continues once the fault is gone. Searches run against the simulated server.
 */
import { chmodSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT, StorageError } from "../../src/errors.js";
import { search } from "../../src/index.js";
import { Store } from "../../src/store/store.js";
import { ape, BIN, canLimitFileSize, permissionUser, searchArgs } from "../support/cli.js";
import { readDb } from "../support/db.js";
import { simServers } from "../support/sim/per-test.js";
import { writeSmallTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";

const sims = simServers();

const STACK = /\n\s+at /;

describe("a database that fills up during a search", () => {
  it("stops the search with a StorageError naming the file, marks the run failed with the reason, and the run continues once there is room", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const file = join(dir, "ape.db");
    const store = new Store(file);
    // SQLite's own limit on the file's pages: past it, every write fails with SQLITE_FULL, as on a full disk.
    const pages = store.query<{ page_count: number }>("PRAGMA page_count")[0]?.page_count ?? 0;
    store.query(`PRAGMA max_page_count = ${pages + 12}`);
    const options = { task: writeSmallTask(dir), model: "vllm:sim-model", baseUrls: [server.url], candidates: 6, seed: 3, batch: 1, db: store } as const;
    const failure = await search(options).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(StorageError);
    const error = failure as StorageError;
    expect(error.exitCode).toBe(EXIT.storage);
    expect(error.code).toBe("SQLITE_FULL");
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/full.*Free some space.*is marked failed.*runId/s);
    const [run] = store.query<{ id: string; status: string; error: string }>("SELECT id, status, error FROM runs");
    expect(run?.status).toBe("failed");
    expect(run?.error).toMatch(/SQLITE_FULL/);

    store.query("PRAGMA max_page_count = 1000000000");
    const resumed = await search({ ...options, runId: run?.id });
    expect(resumed.status).toBe("done");
    expect(store.query("SELECT id FROM runs")).toHaveLength(1);
    store.close();
  });
});

describe.skipIf(!canLimitFileSize)("a disk that fills up (files that may not grow)", () => {
  it("at open: exit 6 naming the file, and no empty database file left behind", async () => {
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const end = await ape(searchArgs(writeSmallTask(dir), "http://127.0.0.1:9/v1", ["--db", db, "--progress", "none"]), { maxFileBytes: 0 });
    expect(end.code, end.stderr).toBe(EXIT.storage);
    expect(end.stderr).toContain(db);
    expect(end.stderr).not.toMatch(STACK);
    expect(readdirSync(dir).filter((f) => f.startsWith("ape.db"))).toEqual([]);
  });

  it("during a search: exit 6 naming the file and saying how to continue; with room again, the same command finishes that run", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const args = searchArgs(writeSmallTask(dir), server.url, ["--candidates", "6", "--seed", "3", "--batch", "1", "--db", db, "--progress", "none", "--json"]);
    const end = await ape(args, { maxFileBytes: 256 * 1024 });
    expect(end.code, end.stderr).toBe(EXIT.storage);
    expect(end.stderr).toContain(db);
    expect(end.stderr).toMatch(/ape resume [0-9a-f]{8}/);
    expect(end.stderr).not.toMatch(STACK);
    const [run] = readDb<{ id: string; status: string }>(db, "SELECT id, status FROM runs");
    // Marked failed when the file took that much; else left `running` (as the message says), free to continue.
    expect(["failed", "running"]).toContain(run?.status);
    expect(end.stderr).toContain(run?.status === "failed" ? "is marked failed" : "could not be marked failed");

    const again = await ape(args);
    expect(again.code, again.stderr).toBe(0);
    expect(readDb<{ id: string; status: string }>(db, "SELECT id, status FROM runs")).toEqual([{ id: run?.id, status: "done" }]);
  });
});

if (permissionUser === undefined)
  console.warn(`read-only database test skipped: the tests run as root and user nobody cannot read ${BIN} (make the checkout's folders readable to others)`);

describe.skipIf(permissionUser === undefined)("a read-only database file", () => {
  it("refuses to search (exit 6, naming the file and what to do), leaves the file as it was, and can still be inspected", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const args = searchArgs(writeSmallTask(dir), server.url, ["--candidates", "6", "--seed", "3", "--batch", "1", "--db", db, "--progress", "none"]);
    const first = await ape([...args, "--max-calls", "10"]);
    expect(first.code, first.stderr).toBe(EXIT.budget);
    const [run] = readDb<{ id: string; status: string; calls: number }>(db, "SELECT id, status, calls FROM runs");
    chmodSync(db, 0o444);
    chmodSync(dir, 0o777);
    // As root, permissions stop nothing: meet them as a user, the one the system calls nobody.
    const user = permissionUser ?? {};

    for (const attempt of [args, ["resume", run?.id ?? "", "--db", db, "--progress", "none"]]) {
      const end = await ape(attempt, user);
      expect(end.code, end.stderr).toBe(EXIT.storage);
      expect(end.stderr).toContain(db);
      expect(end.stderr).toMatch(/read-only.*writable/);
      expect(end.stderr).not.toMatch(STACK);
    }
    expect(readDb(db, "SELECT id, status, calls FROM runs")).toEqual([run]);
    const listed = await ape(["runs", "--db", db], user);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(run?.id);
    expect(existsSync(db)).toBe(true);
  });
});
