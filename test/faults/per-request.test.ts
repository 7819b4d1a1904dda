/**
 * Each proposal request is its own retry and commit unit (simulated server behind the fault
 * proxy): a fault re-sends only the request that failed, and a kill -9 re-pays only the requests
 * that were in flight, the answered ones coming back from the database.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { search } from "../../src/index.js";
import { ape, delay, searchArgs, spawnApe } from "../support/cli.js";
import { paidSoFar } from "../support/db.js";
import { isProposal, startFaultProxy } from "../support/fault-proxy.js";
import { simServers } from "../support/sim/per-test.js";
import { writeSmallTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";

const sims = simServers();

/** 20 instructions over 5 demo subsets: 5 proposal requests, each with its own seed (so never one list). */
const SEARCH = ["--candidates", "20", "--subsets", "5", "--seed", "2", "--progress", "none", "--json"];

describe("proposal requests, each its own unit", () => {
  it("a fault on one proposal request re-sends that request alone", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const proxy = await startFaultProxy(new URL(server.url).origin, { at: { 3: "503" } });
    try {
      const result = await search({
        task: writeSmallTask(dir),
        model: "vllm:sim-model",
        baseUrls: [proxy.url],
        db: join(dir, "a.db"),
        candidates: 20,
        subsets: 5,
        seed: 2,
        retry: { attempts: 8, baseMs: 5, maxMs: 50 },
      });
      expect(result.status).toBe("done");
      const proposals = proxy.requests.filter((r) => r.number !== undefined && isProposal(r.body));
      const bodies = proposals.map((r) => JSON.stringify(r.body));
      expect(new Set(bodies).size).toBe(5);
      // The five, and the one that failed once more.
      expect(proposals).toHaveLength(6);
    } finally {
      await proxy.close();
    }
  });

  it("a kill -9 after three of five proposals were answered: the same command sends only the other two", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const task = writeSmallTask(dir);
    const db = join(dir, "killed.db");
    // Proposals come first: requests after the third are held (in flight) until the kill.
    const proxy = await startFaultProxy(new URL(server.url).origin, { holdAfter: 3 });
    try {
      const command = searchArgs(task, proxy.url, [...SEARCH, "--db", db]);
      const first = spawnApe(command);
      const t0 = Date.now();
      while (Date.now() - t0 < 20_000 && paidSoFar(db) < 3) await delay(20);
      const answeredBefore = paidSoFar(db);
      first.child.kill("SIGKILL");
      await first.done;
      expect(answeredBefore, "the three answered proposals were committed before the kill").toBe(3);

      proxy.setFaults({});
      const sentBefore = proxy.requests.filter((r) => r.number !== undefined && isProposal(r.body)).length;
      const again = await ape(command);
      expect(again.code, again.stderr).toBe(0);
      const resent = proxy.requests.filter((r) => r.number !== undefined && isProposal(r.body)).slice(sentBefore);
      expect(resent).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  }, 60_000);
});
