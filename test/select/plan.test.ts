import { describe, expect, it } from "vitest";
import { createSelector, multistageCost, SELECTORS } from "../../src/select/index.js";
import { plannedEvaluations } from "../../src/select/plan.js";
import { bernoulliPool, recorder, spreadRates } from "./support.js";

describe("plannedEvaluations (the 'at most' the progress bar and the estimate show)", () => {
  it("is multistage's own schedule when the budget allows it, and the budget when it does not", () => {
    const multistage = createSelector("multistage");
    expect(plannedEvaluations(multistage, 50, 100, undefined)).toBe(multistageCost(50, 100));
    expect(plannedEvaluations(multistage, 50, 100, 100_000)).toBe(multistageCost(50, 100));
    expect(plannedEvaluations(multistage, 50, 100, 300)).toBe(300);
  });

  it("counts a strategy that spends what it is given at its whole budget, but never past the whole split", () => {
    const halving = createSelector("halving");
    expect(plannedEvaluations(halving, 16, 200, 640)).toBe(640);
    expect(plannedEvaluations(halving, 16, 200, undefined)).toBe(16 * 200);
    // A budget larger than every candidate on every example buys nothing more.
    expect(plannedEvaluations(halving, 16, 200, 1_000_000)).toBe(16 * 200);
  });

  it("plans nothing for an empty pool or an empty eval split", () => {
    for (const name of SELECTORS) {
      expect(plannedEvaluations(createSelector(name), 0, 100, 500)).toBe(0);
      expect(plannedEvaluations(createSelector(name), 10, 0, 500)).toBe(0);
    }
  });

  it("is never less than what each strategy then spends, and exactly what exhaustive spends", async () => {
    for (const name of SELECTORS) {
      for (const [pool, evalSize, budget] of [
        [20, 50, undefined],
        [20, 50, 300],
        [7, 30, 10_000],
        [40, 100, 1500],
      ] as const) {
        const selector = createSelector(name);
        const planned = plannedEvaluations(selector, pool, evalSize, budget);
        const rec = recorder(bernoulliPool(spreadRates(pool, 3), evalSize, 3));
        const result = await selector.select(pool, rec.evaluate, { evalSize, budget: budget ?? pool * evalSize, seed: 3 });
        expect(result.evaluations, `${name} on ${pool}×${evalSize}, budget ${budget}`).toBeLessThanOrEqual(planned);
        if (name === "exhaustive") expect(result.evaluations).toBe(planned);
      }
    }
  });
});
