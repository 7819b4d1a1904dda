import { describe, expect, it } from "vitest";
import { createSelector } from "../../src/select/index.js";
import { bernoulliPool, recorder, spreadRates } from "./support.js";

describe("halving", () => {
  it("spends the budget over the rounds and ends with one survivor", async () => {
    const rec = recorder(bernoulliPool(spreadRates(16, 3), 200, 3));
    const result = await createSelector("halving").select(16, rec.evaluate, { evalSize: 200, budget: 640, seed: 3 });
    expect(result.evaluations).toBeGreaterThan(600);
    expect(result.ranking.filter((o) => o.droppedAt === undefined)).toHaveLength(1);
    expect(result.ranking.filter((o) => o.droppedAt === 0)).toHaveLength(8);
  });
});
