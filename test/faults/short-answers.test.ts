/**
 * Answers cut short on the way (`choices: []`, a choice fewer than asked, a choice without its
 * text), injected by the fault proxy in front of the simulated server: never stored, never cached,
 * never scored; a later fresh run against a healthy server gets the same ranking as a clean run.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { search } from "../../src/index.js";
import { startFaultProxy } from "../support/fault-proxy.js";
import { readDb, ranking } from "../support/db.js";
import { simServers } from "../support/sim/per-test.js";
import { writeSmallTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";

const sims = simServers();

const FAST_RETRY = { attempts: 8, baseMs: 5, maxMs: 50 } as const;

/** Stored answers by cache key (the answers a run paid for). */
function answers(db: string): Map<string, string> {
  const rows = readDb<{ cache_key: string; response: string }>(db, "SELECT cache_key, response FROM calls WHERE cached = 0 AND response IS NOT NULL");
  return new Map(rows.map((r) => [r.cache_key, r.response]));
}

describe("answers cut short by a proxy (simulated server behind the fault proxy)", () => {
  it("are retried, never stored or cached: every stored answer is the healthy server's, and a fresh run ranks as a clean one", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const task = writeSmallTask(dir);
    const options = { task, model: "vllm:sim-model", candidates: 10, subsets: 5, seed: 5, retry: FAST_RETRY } as const;
    const cleanDb = join(dir, "clean.db");
    await search({ ...options, baseUrls: [server.url], db: cleanDb });

    // The first proposal requests are cut each way, then a quarter of the rest at random.
    const proxy = await startFaultProxy(new URL(server.url).origin, {
      at: { 1: "empty-choices", 2: "short-choices", 3: "missing-text" },
      rate: 0.25,
      kinds: ["empty-choices", "short-choices", "missing-text"],
      seed: 3,
    });
    try {
      const db = join(dir, "cut.db");
      const cut = await search({ ...options, baseUrls: [proxy.url], db });
      expect(cut.status).toBe("done");
      const injected = proxy.requests.filter((r) => r.fault !== undefined).length;
      expect(injected).toBeGreaterThanOrEqual(5);
      // Each cut answer was a fault, recorded as one, and asked again.
      const faulted = readDb<{ n: number }>(db, "SELECT count(*) AS n FROM calls WHERE error LIKE '%not whole%' OR error LIKE '%no readable choices%'")[0]?.n;
      expect(faulted).toBeGreaterThanOrEqual(injected);
      const clean = answers(cleanDb);
      for (const [key, response] of answers(db)) expect(response, key).toBe(clean.get(key));
      expect(ranking(db)).toEqual(ranking(cleanDb));

      // A fresh run in the same file, against the healthy server, answered from the cache.
      const fresh = await search({ ...options, baseUrls: [server.url], db, resume: false });
      expect(fresh.runId).not.toBe(cut.runId);
      expect(ranking(db, fresh.runId)).toEqual(ranking(cleanDb));
    } finally {
      await proxy.close();
    }
  }, 60_000);
});
