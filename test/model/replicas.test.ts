import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { search } from "../../src/index.js";
import { ReplicaPool } from "../../src/model/openai/replicas.js";
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
  it("each request goes to the replica with the fewest requests outstanding; one that failed to connect rests", async () => {
    const pool = new ReplicaPool(["a", "b", "c"].map((url) => ({ url, client: url })));
    const held: { url: string; settle: (fail: boolean) => void }[] = [];
    const connectionFailure = (error: unknown): boolean => error === "refused";
    const use = (): Promise<string> =>
      pool.use(
        (replica) =>
          new Promise<string>((resolve, reject) => held.push({ url: replica.url, settle: (fail) => (fail ? reject("refused") : resolve(replica.url)) })),
        connectionFailure,
      );
    const first = [use(), use(), use(), use()];
    expect(held.map((h) => h.url)).toEqual(["a", "b", "c", "a"]);
    held[1]?.settle(false);
    await expect(first[1]).resolves.toBe("b");
    void use();
    expect(held[4]?.url).toBe("b");
    held[2]?.settle(true);
    await expect(first[2]).rejects.toBe("refused");
    // c has nothing outstanding now, but rests: the next request goes to b (one outstanding), not c.
    void use();
    expect(held[5]?.url).toBe("b");
    for (const h of held) h.settle(false);
  });

  it("share a search, and a replica that is down does not stop it", async () => {
    const a = await startWorld();
    const b = await startWorld();
    servers.push(a, b);
    const dir = tempDir();
    const task = writeWorldTask(dir);
    const options = { task, model: "vllm:sim-model", candidates: 8, batch: 1, concurrency: 6 } as const;
    const both = await search({ ...options, baseUrls: [a.url, b.url], db: join(dir, "both.db") });
    expect(both.status).toBe("done");
    // Which replica gets how many depends on when answers come back; the routing is tested above.
    expect(a.stats.prompts + b.stats.prompts).toBeGreaterThan(60);

    const alone = await search({ ...options, baseUrls: [a.url], db: join(dir, "alone.db") });
    const withDead = await search({ ...options, baseUrls: [await deadUrl(), b.url], db: join(dir, "dead.db") });
    expect(withDead.status).toBe("done");
    expect(withDead.candidates.map((c) => [c.text, c.score])).toEqual(alone.candidates.map((c) => [c.text, c.score]));
  });
});
