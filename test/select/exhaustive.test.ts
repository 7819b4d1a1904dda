import { describe, expect, it } from "vitest";
import { createSelector } from "../../src/select/index.js";
import { bernoulliPool, recorder, spreadRates } from "./support.js";

describe("exhaustive", () => {
  it("scores everything when the budget allows", async () => {
    const result = await createSelector("exhaustive").select(6, recorder(bernoulliPool(spreadRates(6, 1), 10, 1)).evaluate, {
      evalSize: 10,
      budget: 1000,
      seed: 1,
    });
    expect(result.evaluations).toBe(60);
    expect(result.ranking.every((o) => o.count === 10)).toBe(true);
  });

  it("shares a short budget evenly", async () => {
    const result = await createSelector("exhaustive").select(6, recorder(bernoulliPool(spreadRates(6, 1), 10, 1)).evaluate, {
      evalSize: 10,
      budget: 33,
      seed: 1,
    });
    const counts = result.ranking.map((o) => o.count);
    expect(result.evaluations).toBe(33);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });
});
