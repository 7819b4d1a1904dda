import { describe, expect, it } from "vitest";
import { createSelector } from "../../src/select/index.js";
import { bernoulliPool, recorder, spreadRates } from "./support.js";

/** Exhaustive selection of 6 candidates on a split of 10, with `budget` and `minEvidence`. */
const select = (budget: number, minEvidence?: number) =>
  createSelector("exhaustive").select(6, recorder(bernoulliPool(spreadRates(6, 1), 10, 1)).evaluate, { evalSize: 10, budget, seed: 1, minEvidence });

describe("exhaustive", () => {
  it("scores everything when the budget allows", async () => {
    const result = await select(1000);
    expect(result.evaluations).toBe(60);
    expect(result.ranking.every((o) => o.count === 10)).toBe(true);
  });

  it("shares a short budget evenly", async () => {
    const result = await select(33, 1);
    const counts = result.ranking.map((o) => o.count);
    expect(result.evaluations).toBe(33);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it("keeps back enough of a short budget to confirm the leader on the evidence floor, and shares the rest evenly", async () => {
    const result = await select(33);
    expect(result.evaluations).toBe(33);
    expect(result.ranking[0]?.count).toBe(10);
    // Those not confirmed (leaders that fell back keep their extra examples) are within one of each other.
    const others = result.ranking.filter((o) => o.count < 10).map((o) => o.count);
    expect(others.length).toBeGreaterThan(2);
    expect(Math.max(...others) - Math.min(...others)).toBeLessThanOrEqual(1);
  });
});
