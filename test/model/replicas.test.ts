import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { search } from "../../src/index.js";
import { startWorld } from "../support/sim/fixture.js";
import type { SimServer } from "../support/sim/index.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";

const servers: SimServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

/** A loopback URL where nothing listens (a server started and closed again). */
async function deadUrl(): Promise<string> {
  const s = await startWorld();
  await s.close();
  return s.url;
}

describe("several --base-url replicas", () => {
  it("share the work, and a replica that is down does not stop the search", async () => {
    const a = await startWorld({ faults: { latencyMs: 3 } });
    const b = await startWorld({ faults: { latencyMs: 3 } });
    servers.push(a, b);
    const dir = tempDir();
    const task = writeWorldTask(dir);
    const options = { task, model: "vllm:sim-model", candidates: 8, batch: 1, concurrency: 6 } as const;
    const both = await search({ ...options, baseUrls: [a.url, b.url], db: join(dir, "both.db") });
    expect(both.status).toBe("done");
    expect(a.stats.prompts).toBeGreaterThan(30);
    expect(b.stats.prompts).toBeGreaterThan(30);

    const alone = await search({ ...options, baseUrls: [a.url], db: join(dir, "alone.db") });
    const withDead = await search({ ...options, baseUrls: [await deadUrl(), b.url], db: join(dir, "dead.db") });
    expect(withDead.status).toBe("done");
    expect(withDead.candidates.map((c) => [c.text, c.score])).toEqual(alone.candidates.map((c) => [c.text, c.score]));
  });
});
