import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { search } from "../../src/index.js";
import { startWorld } from "../support/sim/fixture.js";
import { simServers } from "../support/sim/per-test.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";

const sims = simServers();

/** A loopback URL where nothing listens (a server started and closed again). */
async function deadUrl(): Promise<string> {
  const s = await startWorld();
  await s.close();
  return s.url;
}

describe("several --base-url replicas", () => {
  it("share a search, and a replica that is down does not stop it", async () => {
    const a = await sims.world();
    const b = await sims.world();
    const dir = tempDir();
    const task = writeWorldTask(dir);
    const options = { task, model: "vllm:sim-model", candidates: 8, batch: 1, concurrency: 6 } as const;
    const both = await search({ ...options, baseUrls: [a.url, b.url], db: join(dir, "both.db") });
    expect(both.status).toBe("done");
    // Which replica gets how many depends on when answers come back; the routing is tested in test/model/openai/replicas.test.ts.
    expect(a.stats.prompts + b.stats.prompts).toBeGreaterThan(60);

    const alone = await search({ ...options, baseUrls: [a.url], db: join(dir, "alone.db") });
    const withDead = await search({ ...options, baseUrls: [await deadUrl(), b.url], db: join(dir, "dead.db") });
    expect(withDead.status).toBe("done");
    expect(withDead.candidates.map((c) => [c.text, c.score])).toEqual(alone.candidates.map((c) => [c.text, c.score]));
  });
});
