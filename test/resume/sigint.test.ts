import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { simServers } from "../support/sim/per-test.js";
import { searchPrompts } from "../support/sim/fixture.js";
import { tempDir } from "../support/temp.js";
import { ape, spawnApe, delay, searchArgs, type Spawned } from "../support/cli.js";
import { readDb, paidCalls, paidSoFar } from "../support/db.js";
import { writeSmallTask } from "../support/task-fixture.js";

const sims = simServers();

/**
 * Start a search on `db` and wait for 20 paid calls however long that takes under load (the test's
 * timeout is the limit): a cap in wall-clock time would send the signal earlier on a slow machine.
 */
async function searchUnderWay(url: string, dir: string, db: string, more: readonly string[]): Promise<Spawned> {
  const p = spawnApe(searchArgs(writeSmallTask(dir), url, ["--candidates", "8", "--batch", "1", "--db", db, ...more]));
  while (p.child.exitCode === null && paidSoFar(db) < 20) await delay(20);
  expect(p.child.exitCode, "the search ended before the signal could be sent").toBeNull();
  return p;
}

describe("Ctrl-C (SIGINT) or SIGTERM (docker stop, timeout) on ape search", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`${signal} cancels cleanly (exit 130, run marked cancelled, says how to resume), and resume finishes the run`, async () => {
      const server = await sims.world({ faults: { latencyMs: 30 } });
      const dir = tempDir();
      const db = join(dir, "ape.db");
      const p = await searchUnderWay(server.url, dir, db, ["--concurrency", "2", "--progress", "plain"]);
      const [run] = readDb<{ id: string }>(db, "SELECT id FROM runs");
      p.child.kill(signal);
      const end = await p.done;
      expect(end.code, end.stderr).toBe(130);
      expect(end.stderr).toContain(`ape resume ${run?.id}`);
      expect(end.stderr).not.toMatch(/\n\s+at /);
      expect(readDb<{ status: string }>(db, "SELECT status FROM runs")[0]?.status).toBe("cancelled");

      const resumed = await ape(["resume", run?.id ?? "", "--db", db, "--progress", "none", "--json"]);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(readDb<{ status: string; cached_calls: number }>(db, "SELECT status, cached_calls FROM runs")[0]).toMatchObject({ status: "done" });
      expect(readDb<{ cached_calls: number }>(db, "SELECT cached_calls FROM runs")[0]?.cached_calls).toBeGreaterThanOrEqual(20);
    });
  }

  it("records the calls in flight when it comes (the server answered none the database lacks), so resume pays for none twice", async () => {
    // Slow answers, four at a time: the signal finds requests on the wire.
    const server = await sims.world({ faults: { latencyMs: 300 }, logLimit: Infinity });
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const p = spawnApe(
      searchArgs(writeSmallTask(dir), server.url, ["--candidates", "8", "--batch", "1", "--concurrency", "4", "--db", db, "--progress", "none"]),
    );
    while (p.child.exitCode === null && paidSoFar(db) < 20) await delay(20);
    expect(p.child.exitCode, "the search ended before the signal could be sent").toBeNull();
    p.child.kill("SIGINT");
    const end = await p.done;
    expect(end.code, end.stderr).toBe(130);
    expect(searchPrompts(server)).toBe(paidCalls(db));

    server.setFaults({});
    const [run] = readDb<{ id: string }>(db, "SELECT id FROM runs");
    const resumed = await ape(["resume", run?.id ?? "", "--db", db, "--progress", "none"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(searchPrompts(server)).toBe(paidCalls(db));
    const paid = readDb<{ n: number; keys: number }>(
      db,
      "SELECT count(*) AS n, count(DISTINCT cache_key) AS keys FROM calls WHERE cached = 0 AND error IS NULL",
    )[0];
    expect(paid?.keys).toBe(paid?.n);
  }, 60_000);
});
