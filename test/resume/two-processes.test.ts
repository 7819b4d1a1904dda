/**
 * The same search started twice at once (after a crash, or from scratch): one process runs it,
 * the other refuses with exit code 2, naming the run, the process and what to do; never two runs
 * paying for the same calls. A run whose process is gone (dead PID, or a PID now another
 * program's, with the run quiet for STALE_MS) is continued. Real CLI processes against the
 * simulated server, with latency so that the two overlap.
 */
import { hostname } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/errors.js";
import { STALE_MS } from "../../src/store/owner.js";
import { type CliRun, ape, searchArgs, spawnApe } from "../support/cli.js";
import { readDb } from "../support/db.js";
import { simServers } from "../support/sim/per-test.js";
import { writeSmallTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";

const sims = simServers();

/** A slow enough search (about 2 s of requests at 100 ms, 2 at a time) for two processes to overlap. */
function setUp(server: { url: string }) {
  const dir = tempDir();
  const db = join(dir, "ape.db");
  const args = searchArgs(writeSmallTask(dir, 24), server.url, [
    "--candidates",
    "4",
    "--seed",
    "5",
    "--batch",
    "1",
    "--concurrency",
    "2",
    "--db",
    db,
    "--progress",
    "none",
  ]);
  return { db, args };
}

/** Change the run `id` in `db` as a crash (or time) would have left it. */
function setRun(db: string, id: string, owner: string, updatedAt: Date): void {
  const raw = new Database(db);
  raw.prepare("UPDATE runs SET status = 'running', owner = ?, updated_at = ? WHERE id = ?").run(owner, updatedAt.toISOString(), id);
  raw.close();
}

/** Stop a run by its budget, then make it look crashed a moment ago: `running`, owned by `owner`. */
async function crashedRun(args: readonly string[], db: string, owner: string): Promise<string> {
  const stopped = await ape([...args, "--max-calls", "20"]);
  expect(stopped.code, stopped.stderr).toBe(EXIT.budget);
  const id = readDb<{ id: string }>(db, "SELECT id FROM runs")[0]?.id ?? "";
  setRun(db, id, owner, new Date());
  return id;
}

/** Start two copies of `args` at once; the one that ran and the one that refused. */
async function twice(args: readonly string[]): Promise<{ ran: CliRun; refused: CliRun; ranPid: number | undefined }> {
  const a = spawnApe(args);
  const b = spawnApe(args);
  const [ea, eb] = await Promise.all([a.done, b.done]);
  const codes = [ea.code, eb.code].sort();
  expect(codes, `${ea.stderr}\n---\n${eb.stderr}`).toEqual([0, EXIT.usage]);
  return ea.code === 0 ? { ran: ea, refused: eb, ranPid: a.child.pid } : { ran: eb, refused: ea, ranPid: b.child.pid };
}

describe("the same search started twice at once", () => {
  it("after a crash: one process continues the run, the other refuses naming the run, its process and what to do; nothing is paid twice", async () => {
    const server = await sims.world({ faults: { latencyMs: 100 } });
    const { db, args } = setUp(server);
    const runId = await crashedRun(args, db, `${hostname()}:2147483646`);
    const { refused, ranPid } = await twice(args);
    expect(refused.stderr).toContain(`run ${runId} is being run right now by process ${hostname()}:${ranPid}`);
    expect(refused.stderr).toContain(`kill -INT ${ranPid}`);
    expect(refused.stderr).toContain(`ape resume ${runId}`);
    expect(readDb<{ id: string; status: string }>(db, "SELECT id, status FROM runs")).toEqual([{ id: runId, status: "done" }]);
    // No call was paid for twice.
    const paid = readDb<{ n: number; keys: number }>(
      db,
      "SELECT count(*) AS n, count(DISTINCT cache_key) AS keys FROM calls WHERE cached = 0 AND error IS NULL",
    )[0];
    expect(paid?.n).toBeGreaterThan(20);
    expect(paid?.keys).toBe(paid?.n);
  }, 60_000);

  it("from scratch: one run, made by one process; the other refuses", async () => {
    const server = await sims.world({ faults: { latencyMs: 100 } });
    const { db, args } = setUp(server);
    const { refused } = await twice(args);
    const runs = readDb<{ id: string; status: string }>(db, "SELECT id, status FROM runs");
    expect(runs).toHaveLength(1);
    expect(runs[0]?.status).toBe("done");
    expect(refused.stderr).toContain(`run ${runs[0]?.id} is being run right now`);
    expect(refused.stderr).toContain("--fresh");
  }, 60_000);
});

describe("a run left `running` by a process that is gone", () => {
  it("whose PID now belongs to another live program is continued by the same command once it has been quiet for a while", async () => {
    const server = await sims.world();
    const { db, args } = setUp(server);
    // The test runner plays the program the crashed search's PID was given to.
    const owner = `${hostname()}:${process.pid}`;
    const runId = await crashedRun(args, db, owner);
    // Touched a moment ago, it looks alive: the same command refuses to run it twice.
    const refused = await ape(args);
    expect(refused.code, refused.stderr).toBe(EXIT.usage);
    expect(refused.stderr).toContain(`process ${owner}`);

    setRun(db, runId, owner, new Date(Date.now() - STALE_MS - 60_000));
    const resumed = await ape(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(readDb<{ id: string; status: string }>(db, "SELECT id, status FROM runs")).toEqual([{ id: runId, status: "done" }]);
  }, 60_000);
});
