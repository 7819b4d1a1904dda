import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { search } from "../../src/index.js";
import { simServers } from "../support/sim/per-test.js";
import { tempDir } from "../support/temp.js";
import { paidCalls, ranking } from "../support/db.js";
import { writeSmallTask } from "../support/task-fixture.js";

const sims = simServers();

describe("a cancelled run resumed with the cache off", () => {
  it("still replays its own finished calls: nothing is paid for twice, and the result is the same", async () => {
    const server = await sims.world();
    const dir = tempDir();
    const options = { task: writeSmallTask(dir), model: "vllm:sim-model", baseUrls: [server.url], candidates: 8, batch: 1, cache: false } as const;
    await search({ ...options, db: join(dir, "clean.db") });
    // Another run of the same settings in the same file must not answer for a fresh one with the cache off.
    const fresh = await search({ ...options, db: join(dir, "clean.db"), resume: false });
    expect(fresh.totals.cachedCalls).toBe(0);

    const db = join(dir, "cancelled.db");
    const controller = new AbortController();
    let calls = 0;
    const stopped = await search({
      ...options,
      db,
      signal: controller.signal,
      onEvent: (e) => e.type === "call" && ++calls === 60 && controller.abort(),
    }).catch((e: unknown) => e);
    expect(stopped).toMatchObject({ name: "CancelledError", exitCode: 130 });
    expect((stopped as Error).message).toMatch(/continue it with `search\(\)` with the same options and runId "[0-9a-f]{8}"/);
    const before = paidCalls(db);
    const resumed = await search({ ...options, db });
    expect(resumed.status).toBe("done");
    expect(resumed.totals.cachedCalls).toBeGreaterThanOrEqual(before);
    expect(paidCalls(db)).toBe(fresh.totals.calls);
    expect(ranking(db)).toEqual(ranking(join(dir, "clean.db"), fresh.runId));
  });
});
