import { describe, expect, it } from "vitest";
import { createSelector } from "../../src/select/index.js";
import { bernoulliPool, recorder } from "./support.js";

describe("bounds", () => {
  it("eliminates down to the clear winner before the budget ends", async () => {
    const rates = [0.1, 0.05, 0.1, 0.98, 0.05, 0.1];
    const rec = recorder(bernoulliPool(rates, 400, 6));
    const result = await createSelector("bounds").select(6, rec.evaluate, { evalSize: 400, budget: 2400, seed: 6 });
    expect(result.ranking[0]?.index).toBe(3);
    expect(result.ranking.filter((o) => o.droppedAt === undefined)).toHaveLength(1);
    expect(result.evaluations).toBeLessThan(2400);
  });

  it("never drops the candidate with the best whole-split mean in a close race", async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const scores = bernoulliPool([0.5, 0.55, 0.6, 0.45], 200, seed);
      const result = await createSelector("bounds").select(4, recorder(scores).evaluate, { evalSize: 200, budget: 800, seed });
      const means = scores.map((row) => row.reduce((a, b) => a + b, 0) / row.length);
      const best = means.indexOf(Math.max(...means));
      expect(result.ranking.find((o) => o.index === best)?.droppedAt).toBeUndefined();
    }
  });
});
