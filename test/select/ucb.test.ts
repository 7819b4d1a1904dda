import { describe, expect, it } from "vitest";
import { createSelector } from "../../src/select/index.js";
import { bernoulliPool, recorder, spreadRates } from "./support.js";

describe("ucb", () => {
  it("pulls every candidate once before any bound is used", async () => {
    const rec = recorder(bernoulliPool(spreadRates(15, 2), 50, 2));
    await createSelector("ucb").select(15, rec.evaluate, { evalSize: 50, budget: 400, seed: 2 });
    expect(rec.calls[0]?.map((r) => r.candidate).sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => i));
  });

  it("never ranks an unscored candidate above a scored one, even with log-probabilities", async () => {
    const scores = Array.from({ length: 10 }, () => Array.from({ length: 20 }, () => -2));
    for (const budget of [1, 7, 23, 49]) {
      const result = await createSelector("ucb").select(10, recorder(scores).evaluate, { evalSize: 20, budget, seed: budget });
      const scored = result.ranking.filter((o) => o.count > 0).length;
      expect(scored).toBeGreaterThan(0);
      expect(result.ranking.slice(0, scored).every((o) => o.count > 0)).toBe(true);
      expect(result.ranking.slice(scored).every((o) => o.count === 0)).toBe(true);
    }
  });

  it("spends more pulls on the better candidates", async () => {
    const rates = [0.1, 0.15, 0.9, 0.2, 0.1, 0.15, 0.2, 0.1];
    const result = await createSelector("ucb").select(8, recorder(bernoulliPool(rates, 100, 1)).evaluate, { evalSize: 100, budget: 400, seed: 1 });
    const counts = result.ranking.map((o) => o.count);
    expect(result.ranking[0]?.index).toBe(2);
    expect(result.ranking[0]?.count).toBe(Math.max(...counts));
  });
});
