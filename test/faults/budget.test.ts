/**
 * `--max-calls` under faults (simulated server behind the fault proxy): every try the server
 * answers counts, so the server never answers more prompts than the cap, and every try sent is a
 * row in `calls`.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BudgetError } from "../../src/errors.js";
import { search } from "../../src/index.js";
import { readDb } from "../support/db.js";
import { answeredPrompts, startFaultProxy } from "../support/fault-proxy.js";
import { simServers } from "../support/sim/per-test.js";
import { writeSmallTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";

const sims = simServers();

describe("a call cap with half the requests faulting", () => {
  for (const cap of [5, 12, 40]) {
    it(`--max-calls ${cap}: the server answers at most ${cap} prompts, and the database records every one sent`, async () => {
      const server = await sims.world();
      const dir = tempDir();
      const db = join(dir, "capped.db");
      const proxy = await startFaultProxy(new URL(server.url).origin, {
        rate: 0.5,
        seed: cap,
        kinds: ["500", "503", "429", "drop", "empty-choices", "short-choices", "missing-text"],
        retryAfterSeconds: 0,
      });
      try {
        const task = writeSmallTask(dir);
        const run = (maxCalls: number): Promise<unknown> =>
          search({
            task,
            model: "vllm:sim-model",
            baseUrls: [proxy.url],
            db,
            candidates: 20,
            subsets: 5,
            seed: 1,
            budget: { maxCalls },
            retry: { attempts: 8, baseMs: 5, maxMs: 50 },
          }).catch((e: unknown) => e);
        const outcome = await run(cap);
        expect(outcome).toBeInstanceOf(BudgetError);
        const { answered, received } = answeredPrompts(proxy.requests);
        expect(answered).toBeLessThanOrEqual(cap);
        expect(received).toBeGreaterThan(0);
        const recorded = (): number | undefined => readDb<{ n: number }>(db, "SELECT count(*) AS n FROM calls WHERE cached = 0")[0]?.n;
        expect(recorded()).toBe(received);
        // Continued with a larger cap: the tries that failed before still count.
        expect(await run(cap + 6)).toBeInstanceOf(BudgetError);
        const after = answeredPrompts(proxy.requests);
        expect(after.answered).toBeLessThanOrEqual(cap + 6);
        expect(recorded()).toBe(after.received);
      } finally {
        await proxy.close();
      }
    }, 60_000);
  }
});
