import { describe, expect, it } from "vitest";
import { runTotals } from "../../src/store/calls.js";
import { callRow } from "../support/call-row.js";

describe("runTotals", () => {
  it("sums paid calls per run, counts cached ones apart at no cost, and skips failed calls and calls outside a run", () => {
    const totals = runTotals([
      callRow({}),
      callRow({ prompt_tokens: 4, completion_tokens: 1, cost_usd: 0.25 }),
      callRow({ cached: 1 }),
      callRow({ error: "HTTP 500", response: null }),
      callRow({ run_id: null }),
      callRow({ run_id: "r2", cost_usd: 1 }),
    ]);
    expect(Object.fromEntries(totals)).toEqual({
      r1: { calls: 2, cachedCalls: 1, promptTokens: 14, completionTokens: 3, costUsd: 0.75 },
      r2: { calls: 1, cachedCalls: 0, promptTokens: 10, completionTokens: 2, costUsd: 1 },
    });
  });

  it("adds nothing for a batch of failed calls", () => {
    expect(runTotals([callRow({ error: "timeout", response: null })]).size).toBe(0);
  });
});
