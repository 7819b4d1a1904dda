import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { simServers } from "../support/sim/per-test.js";
import { tempDir } from "../support/temp.js";
import { ape, spawnApe, delay, searchArgs } from "../support/cli.js";
import { readDb, paidSoFar } from "../support/db.js";
import { writeSmallTask } from "../support/task-fixture.js";

const sims = simServers();

describe("Ctrl-C on ape search", () => {
  it("cancels cleanly (exit 130, run marked cancelled, says how to resume), and resume finishes the run", async () => {
    const server = await sims.world({ faults: { latencyMs: 30 } });
    const dir = tempDir();
    const db = join(dir, "ape.db");
    const p = spawnApe(
      searchArgs(writeSmallTask(dir), server.url, ["--candidates", "8", "--batch", "1", "--concurrency", "2", "--db", db, "--progress", "plain"]),
    );
    // Wait for 20 paid calls however long that takes under load (the test's timeout is the limit):
    // a cap in wall-clock time would send Ctrl-C earlier on a slow machine.
    while (p.child.exitCode === null && paidSoFar(db) < 20) await delay(20);
    expect(p.child.exitCode, "the search ended before Ctrl-C could be sent").toBeNull();
    const [run] = readDb<{ id: string }>(db, "SELECT id FROM runs");
    p.child.kill("SIGINT");
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
});
