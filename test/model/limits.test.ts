import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { search } from "../../src/index.js";
import { Budget } from "../../src/model/budget.js";
import { Gateway } from "../../src/model/gateway.js";
import { ModelLimits } from "../../src/model/limits.js";
import { OpenAIBackend } from "../../src/model/openai/backend.js";
import { DEFAULT_PRICES } from "../../src/model/prices.js";
import { parseSpec } from "../../src/model/spec.js";
import { Store } from "../../src/store/store.js";
import { BEST, evalPrompt, startWorld } from "../support/sim/fixture.js";
import type { SimServer } from "../support/sim/index.js";
import { writeWorldTask } from "../support/task-fixture.js";
import { tempDir } from "../support/temp.js";

let server: SimServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("--concurrency", () => {
  it("holds in a whole search", async () => {
    const sim = await startWorld({ faults: { latencyMs: 5 } });
    server = sim;
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
    expect(sim.stats.maxInFlight).toBe(3);
  });

  it("a Gateway never has more requests in flight than its limit, even with many waiting", async () => {
    server = await startWorld({ faults: { latencyMs: 10 } });
    const store = new Store(":memory:");
    store.createRun({ id: "r", task: "t", task_file: "t", proposer: "p", target: "t", scorer: "exec", selector: "exhaustive", seed: 0, config: "{}", config_hash: "h" });
    const model = new OpenAIBackend(parseSpec("vllm:sim-model", [server.url]), { maxBatch: 1 });
    const limits = new ModelLimits({ concurrency: 3 });
    const make = (role: "proposer" | "target") => new Gateway({ model, role, store, runId: "r", budget: new Budget({}), prices: DEFAULT_PRICES, limits });
    const a = make("proposer");
    const b = make("target");
    await a.capabilities();
    await b.capabilities();
    server.stats.reset();
    const req = (i: number) => ({ prompt: evalPrompt(BEST, `word${i}`), route: "completion" as const, n: 1, temperature: 0, maxTokens: 8 });
    await Promise.all([a.generate(Array.from({ length: 20 }, (_, i) => req(i))), b.generate(Array.from({ length: 20 }, (_, i) => req(i + 20)))]);
    expect(server.stats.maxInFlight).toBe(3);
    store.close();
  });
});
