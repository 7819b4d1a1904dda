import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { search } from "../../src/index.js";
import { Budget } from "../../src/gateway/budget.js";
import { Gateway } from "../../src/gateway/gateway.js";
import { ModelLimits } from "../../src/gateway/limits.js";
import { DEFAULT_PRICES } from "../../src/accounting/prices.js";
import { parseSpec } from "../../src/model/spec.js";
import type { Generation, Model } from "../../src/model/types.js";
import { BEST, evalPrompt } from "../support/sim/fixture.js";
import { simServers } from "../support/sim/per-test.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";
import { storeWithRun } from "../support/store.js";

const sims = simServers();

describe("--concurrency", () => {
  it("holds in a whole search", async () => {
    const sim = await sims.world({ faults: { latencyMs: 5 } });
    const dir = tempDir();
    await search({
      task: writeWorldTask(dir),
      model: "vllm:sim-model",
      baseUrls: [sim.url],
      db: join(dir, "a.db"),
      candidates: 8,
      batch: 1,
      concurrency: 3,
      // Probes (a few tiny requests at once, before any limit applies) are over once proposals are in.
      onEvent: (e) => {
        if (e.type === "proposals") sim.stats.reset();
      },
    });
    expect(sim.stats.prompts).toBeGreaterThan(100);
    // How many are in flight at the busiest moment depends on timing; that every slot is used is
    // shown, with no timing, by the next test.
    expect(sim.stats.maxInFlight).toBeLessThanOrEqual(3);
  });

  it("a Gateway never has more requests in flight than its limit, and fills every slot while requests wait", async () => {
    const { model, waiting } = heldModel();
    const store = storeWithRun({ id: "r", task_file: "t" });
    const limits = new ModelLimits({ concurrency: 3 });
    const make = (role: "proposer" | "target") => new Gateway({ model, role, store, runId: "r", budget: new Budget({}), prices: DEFAULT_PRICES, limits });
    const req = (i: number) => ({ prompt: evalPrompt(BEST, `word${i}`), route: "completion" as const, n: 1, temperature: 0, maxTokens: 8 });
    // Two Gateways of one model share its limit: 40 requests, let go one at a time.
    const done = Promise.all([
      make("proposer").generate(Array.from({ length: 20 }, (_, i) => req(i))),
      make("target").generate(Array.from({ length: 20 }, (_, i) => req(i + 20))),
    ]);
    const inFlight: number[] = [];
    for (let released = 0; released < 40; released++) {
      await turns(20);
      inFlight.push(waiting.length);
      waiting.shift()?.();
    }
    expect(await done).toHaveLength(2);
    expect(inFlight).toEqual([...Array.from({ length: 38 }, () => 3), 2, 1]);
    store.close();
  });
});

/** A model whose requests wait until the test lets each one go, so how many wait at once is exact. */
function heldModel(): { readonly model: Model; readonly waiting: (() => void)[] } {
  const waiting: (() => void)[] = [];
  const answer: Generation = { texts: ["x"], usage: { promptTokens: 1, completionTokens: 1 } };
  const model: Model = {
    spec: parseSpec("vllm:held", ["http://127.0.0.1:9/v1"]),
    probe: async () => ({
      completions: true,
      chat: true,
      promptLogprobs: false,
      chatLogprobs: false,
      fill: [],
      fimTokens: undefined,
      maxPromptsPerRequest: 1,
      multipleSamples: false,
      seed: false,
      evidence: {},
      notices: [],
    }),
    generate: (requests) => new Promise((resolve) => waiting.push(() => resolve(requests.map(() => answer)))),
    logprobs: () => Promise.reject(new Error("not used in this test")),
    fill: () => Promise.reject(new Error("not used in this test")),
    close: async () => {},
  };
  return { model, waiting };
}

/** Let `n` turns of the event loop pass (the Store commits once per turn): no clock involved. */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}
