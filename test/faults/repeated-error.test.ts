/**
 * A server error that repeats word for word on the same request (the fault proxy's deterministic
 * 500, in llama.cpp's words, in front of the simulated server): two tries, then exit 4 with what to
 * do; a 500 whose words change from try to try (a request id in it) is still retried.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ape, searchArgs } from "../support/cli.js";
import { readDb } from "../support/db.js";
import { firstProposalFailsAlike, SAME_500_MESSAGE, startFaultProxy } from "../support/fault-proxy.js";
import { simServers } from "../support/sim/per-test.js";
import { writeSmallTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";

const sims = simServers();

const SEARCH = ["--candidates", "10", "--subsets", "5", "--seed", "4", "--progress", "none"];

describe("a deterministic server error", () => {
  it("is tried twice, then ape stops with exit 4 naming the server, quoting its words and saying what to do", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const db = join(dir, "same.db");
    // The first proposal request the proxy sees always fails the same way.
    const failing = firstProposalFailsAlike();
    const proxy = await startFaultProxy(new URL(server.url).origin, { same500: failing.same500 });
    try {
      const run = await ape(searchArgs(writeSmallTask(dir), proxy.url, [...SEARCH, "--db", db]));
      expect(run.code, run.stderr).toBe(4);
      expect(failing.tries(proxy)).toBe(2);
      expect(run.stderr).toContain(proxy.url);
      expect(run.stderr).toContain(`500: "${SAME_500_MESSAGE}"`);
      expect(run.stderr).toMatch(/Serve another model or build, or start a new run with another --seed; .*the same search continues it/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(readDb<{ status: string; error: string }>(db, "SELECT status, error FROM runs")[0]).toMatchObject({
        status: "failed",
        error: expect.stringContaining("failed this request twice the same way"),
      });
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it("500s that differ from try to try are retried as transient faults", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const proxy = await startFaultProxy(new URL(server.url).origin, { at: { 1: "500", 2: "500", 3: "500" } });
    try {
      const run = await ape(searchArgs(writeSmallTask(dir), proxy.url, [...SEARCH, "--db", join(dir, "varied.db"), "--subsets", "1"]));
      expect(run.code, run.stderr).toBe(0);
      expect(proxy.requests.filter((r) => r.fault === "500")).toHaveLength(3);
    } finally {
      await proxy.close();
    }
  }, 60_000);
});
