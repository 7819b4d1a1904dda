import { describe, expect, it } from "vitest";
import { runTotals, type NewCall } from "../../src/store/calls.js";

const call = (over: Partial<NewCall>): NewCall => ({
  run_id: "r1",
  role: "target",
  backend: "vllm",
  model: "m",
  base_url: null,
  kind: "generate",
  cache_key: "k",
  request: "{}",
  response: "{}",
  error: null,
  cached: 0,
  prompt_tokens: 10,
  completion_tokens: 2,
  cost_usd: 0.5,
  latency_ms: 3,
  ...over,
});

describe("runTotals", () => {
  it("sums paid calls per run, counts cached ones apart at no cost, and skips failed calls and calls outside a run", () => {
    const totals = runTotals([
      call({}),
      call({ prompt_tokens: 4, completion_tokens: 1, cost_usd: 0.25 }),
      call({ cached: 1 }),
      call({ error: "HTTP 500", response: null }),
      call({ run_id: null }),
      call({ run_id: "r2", cost_usd: 1 }),
    ]);
    expect(Object.fromEntries(totals)).toEqual({
      r1: { calls: 2, cachedCalls: 1, promptTokens: 14, completionTokens: 3, costUsd: 0.75 },
      r2: { calls: 1, cachedCalls: 0, promptTokens: 10, completionTokens: 2, costUsd: 1 },
    });
  });

  it("adds nothing for a batch of failed calls", () => {
    expect(runTotals([call({ error: "timeout", response: null })]).size).toBe(0);
  });
});
