import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { Budget } from "../../src/gateway/budget.js";
import { cacheKey } from "../../src/gateway/cache-key.js";
import { stableJson } from "../../src/stable-json.js";
import { Gateway } from "../../src/gateway/gateway.js";
import { OpenAIBackend } from "../../src/model/openai/backend.js";
import { DEFAULT_PRICES } from "../../src/accounting/prices.js";
import { parseSpec } from "../../src/model/spec.js";
import type { GenerateRequest } from "../../src/model/types.js";
import { BudgetError, ModelError } from "../../src/errors.js";
import type { Store } from "../../src/store/store.js";
import { BEST, evalPrompt } from "../support/sim/fixture.js";
import type { SimOptions } from "../support/sim/index.js";
import { simServers } from "../support/sim/per-test.js";
import { storeWithRun } from "../support/store.js";
import { tempDir } from "../support/temp.js";

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});
const sims = simServers();

async function setup(sim: Partial<SimOptions> = {}, budget = new Budget({}), cache = true, file = ":memory:", onSend = (_n: number): void => {}) {
  const server = await sims.world(sim);
  const store = storeWithRun({}, file);
  stores.push(store);
  const model = new OpenAIBackend(parseSpec("vllm:sim-model", [server.url]));
  const send = model.generate.bind(model);
  model.generate = (batch, signal) => {
    onSend(batch.length);
    return send(batch, signal);
  };
  const gateway = new Gateway({
    model,
    role: "target",
    store,
    runId: "r1",
    budget,
    prices: DEFAULT_PRICES,
    concurrency: 4,
    cache,
    retry: { attempts: 6, baseMs: 1, maxMs: 5 },
    random: () => 0.5,
  });
  return { store, gateway, server };
}

const req = (i: number): GenerateRequest => ({ prompt: evalPrompt(BEST, `word${i}`), route: "completion", n: 1, temperature: 0, maxTokens: 16, stop: ["\n"] });

describe("Gateway", () => {
  it("hands an answer back only once its call is committed: another connection to the file already sees it", async () => {
    const file = join(tempDir(), "results.db");
    const { gateway } = await setup({}, new Budget({}), true, file);
    const reader = new Database(file, { readonly: true });
    try {
      const committed = (i: number): number =>
        reader
          .prepare<[string], { n: number }>("SELECT count(*) AS n FROM calls WHERE cache_key = ? AND response IS NOT NULL")
          .get(cacheKey(gateway.spec, "generate", stableJson({ ...req(i), sample: null })))?.n ?? 0;
      // Twelve requests through four slots: each is handed back while others are still answered.
      const seen = await Promise.all(
        Array.from({ length: 12 }, async (_, i) => {
          await gateway.generate([req(i)]);
          return committed(i);
        }),
      );
      expect(seen).toEqual(Array.from({ length: 12 }, () => 1));
    } finally {
      reader.close();
    }
  });

  it("sends a request only while fewer than its concurrency are sent and not yet committed: a crash re-pays at most that many", async () => {
    const file = join(tempDir(), "results.db");
    let sent = 0;
    const unsettled: number[] = [];
    let count: () => number = () => 0;
    const { gateway } = await setup({}, new Budget({}), true, file, (n) => {
      sent += n;
      unsettled.push(sent - count());
    });
    const db = new Database(file, { readonly: true });
    try {
      const stmt = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM calls WHERE response IS NOT NULL");
      count = () => stmt.get()?.n ?? 0;
      await Promise.all(Array.from({ length: 40 }, (_, i) => gateway.generate([req(i)])));
      expect(sent).toBe(40);
      // The concurrency is 4: each request sent, counted with the three others that may be out.
      expect(Math.max(...unsettled)).toBeLessThanOrEqual(4);
      expect(Math.max(...unsettled)).toBe(4);
    } finally {
      db.close();
    }
  });

  it("answers a repeated request from the cache and records it as cached", async () => {
    const { gateway, store, server } = await setup();
    const first = await gateway.generate([req(1), req(2)]);
    const sent = server.stats.prompts;
    const again = await gateway.generate([req(1), req(2)]);
    expect(again).toEqual(first);
    expect(server.stats.prompts).toBe(sent);
    const [totals] = store.query<{ calls: number; cached_calls: number }>("SELECT calls, cached_calls FROM runs");
    expect(totals).toEqual({ calls: 2, cached_calls: 2 });
  });

  it("sends a fresh request when the sample key differs", async () => {
    const { gateway, server } = await setup();
    await gateway.generate([req(1)], ["a"]);
    const sent = server.stats.prompts;
    await gateway.generate([req(1)], ["b"]);
    expect(server.stats.prompts).toBe(sent + 1);
  });

  it("--no-cache sends every request", async () => {
    const { gateway, server } = await setup({}, new Budget({}), false);
    await gateway.generate([req(1)]);
    const sent = server.stats.prompts;
    await gateway.generate([req(1)]);
    expect(server.stats.prompts).toBe(sent + 1);
  });

  it("puts several prompts into one request up to the batch size", async () => {
    const { gateway, server } = await setup();
    await gateway.capabilities();
    const before = server.stats.requests["POST /v1/completions"] ?? 0;
    await gateway.generate(Array.from({ length: 40 }, (_, i) => req(i)));
    expect((server.stats.requests["POST /v1/completions"] ?? 0) - before).toBe(3);
  });

  it("rides out transient faults and returns the same answers as without them", async () => {
    const clean = await setup();
    const expected = await clean.gateway.generate(Array.from({ length: 20 }, (_, i) => req(i)));
    await clean.server.close();
    const faulty = await setup({ faults: { rate: 0.3, kinds: ["500", "503", "429", "malformed", "drop"], retryAfterSeconds: 0 } }, new Budget({}), false);
    await faulty.gateway.capabilities();
    const got = await faulty.gateway.generate(Array.from({ length: 20 }, (_, i) => req(i)));
    expect(got.map((g) => g.texts)).toEqual(expected.map((g) => g.texts));
    expect(Object.values(faulty.server.stats.faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it("fails fast on a fault that will not go away", async () => {
    const { gateway, server } = await setup();
    await gateway.capabilities();
    server.setFaults({ failNext: { kind: "503", count: 100 } });
    const before = server.stats.prompts;
    const error = await gateway.generate([req(1)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(server.stats.faults["503"]).toBe(6);
    expect(server.stats.prompts - before).toBeLessThanOrEqual(6);
  });

  it("stops after two tries when the same request fails with the same 500 twice, saying what to do", async () => {
    const { gateway, server, store } = await setup();
    await gateway.capabilities();
    server.setFaults({ failNext: { kind: "500", count: 100 } });
    const error = await gateway.generate([req(1)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).transient).toBe(false);
    expect((error as ModelError).message).toMatch(
      /failed this request twice the same way \(500: "Internal server error \(simulated\)\."\).*the same search continues it/,
    );
    expect(server.stats.faults["500"]).toBe(2);
    // Each try the server answered is a call of the run, recorded with its error.
    expect(store.query<{ n: number }>("SELECT count(*) AS n FROM calls WHERE error IS NOT NULL")[0]?.n).toBe(2);
  });

  it("passes over a stored answer that is not whole (cached by an older ape) and asks the server", async () => {
    const { gateway, store, server } = await setup();
    await gateway.capabilities();
    const key = cacheKey(gateway.spec, "generate", stableJson({ ...req(1), sample: null }));
    const row = { run_id: "r1", role: "target", backend: "vllm", model: "sim-model", base_url: null, kind: "generate", cache_key: key, request: "{}" } as const;
    const usage = { error: null, cached: 0, prompt_tokens: 0, completion_tokens: 0, cost_usd: 0, latency_ms: 0 } as const;
    store.addCall({ ...row, ...usage, response: JSON.stringify({ texts: [], usage: { promptTokens: 0, completionTokens: 0 } }) });
    await store.commit();
    const sent = server.stats.prompts;
    const [answer] = await gateway.generate([req(1)]);
    expect(server.stats.prompts).toBe(sent + 1);
    expect(answer?.texts).toEqual([" opposite-1"]);
    // The whole answer is what the cache gives from now on.
    const [again] = await gateway.generate([req(1)]);
    expect(again).toEqual(answer);
    expect(server.stats.prompts).toBe(sent + 1);
  });

  it("never passes the call budget, even with requests in flight together", async () => {
    const budget = new Budget({ maxCalls: 5 });
    const { gateway, store } = await setup({}, budget);
    await gateway.capabilities();
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => gateway.generate([req(i)])));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected.every((r) => r.reason instanceof BudgetError)).toBe(true);
    expect(store.query<{ n: number }>("SELECT count(*) AS n FROM calls WHERE cached = 0 AND error IS NULL")[0]?.n).toBe(5);
  });

  it("never passes the token budget", async () => {
    const budget = new Budget({ maxTokens: 400 });
    const { gateway } = await setup({}, budget);
    await gateway.capabilities();
    await Promise.allSettled(Array.from({ length: 30 }, (_, i) => gateway.generate([req(i)])));
    expect(budget.used.tokens).toBeLessThanOrEqual(400);
    expect(budget.used.calls).toBeGreaterThan(0);
  });
});
