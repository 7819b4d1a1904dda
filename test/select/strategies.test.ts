import { describe, expect, it } from "vitest";
import { createSelector, fitFirstBatch, MULTISTAGE_DEFAULTS, plannedCost } from "../../src/select/index.js";
import { bernoulliPool, recorder, spreadRates } from "./support.js";

describe("multistage", () => {
  it("scores the finalists on the whole split and drops the rest stage by stage", async () => {
    const rec = recorder(bernoulliPool(spreadRates(50, 4), 100, 4));
    const result = await createSelector("multistage").select(50, rec.evaluate, { evalSize: 100, budget: 5000, seed: 4 });
    const finalists = result.ranking.filter((o) => o.droppedAt === undefined);
    expect(finalists).toHaveLength(MULTISTAGE_DEFAULTS.finalists);
    expect(finalists.every((o) => o.count === 100)).toBe(true);
    // Every dropped candidate's last record is its drop stage.
    for (const o of result.ranking.filter((x) => x.droppedAt !== undefined)) expect(o.history.at(-1)?.stage).toBe(o.droppedAt);
    // The documented default cost on the benchmark's shape: under 15% of exhaustive.
    expect(result.evaluations).toBeLessThanOrEqual(750);
  });

  it("keeps more candidates with slack when means are close", async () => {
    const scores = bernoulliPool(new Array<number>(30).fill(0.5), 60, 8);
    const plain = await createSelector("multistage").select(30, recorder(scores).evaluate, { evalSize: 60, budget: 5000, seed: 8 });
    const loose = await createSelector("multistage", { slack: 2 }).select(30, recorder(scores).evaluate, { evalSize: 60, budget: 5000, seed: 8 });
    expect(loose.evaluations).toBeGreaterThan(plain.evaluations);
  });

  it("rejects settings out of range", () => {
    expect(() => createSelector("multistage", { keep: 1 })).toThrow(/keep/);
    expect(() => createSelector("multistage", { finalists: 0 })).toThrow(/finalists/);
  });
});

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

describe("halving", () => {
  it("spends the budget over the rounds and ends with one survivor", async () => {
    const rec = recorder(bernoulliPool(spreadRates(16, 3), 200, 3));
    const result = await createSelector("halving").select(16, rec.evaluate, { evalSize: 200, budget: 640, seed: 3 });
    expect(result.evaluations).toBeGreaterThan(600);
    expect(result.ranking.filter((o) => o.droppedAt === undefined)).toHaveLength(1);
    expect(result.ranking.filter((o) => o.droppedAt === 0)).toHaveLength(8);
  });
});

describe("exhaustive", () => {
  it("scores everything when the budget allows", async () => {
    const result = await createSelector("exhaustive").select(6, recorder(bernoulliPool(spreadRates(6, 1), 10, 1)).evaluate, { evalSize: 10, budget: 1000, seed: 1 });
    expect(result.evaluations).toBe(60);
    expect(result.ranking.every((o) => o.count === 10)).toBe(true);
  });

  it("shares a short budget evenly", async () => {
    const result = await createSelector("exhaustive").select(6, recorder(bernoulliPool(spreadRates(6, 1), 10, 1)).evaluate, { evalSize: 10, budget: 33, seed: 1 });
    const counts = result.ranking.map((o) => o.count);
    expect(result.evaluations).toBe(33);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });
});

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

describe("multistage plan", () => {
  it("predicts the cost of the default schedule", async () => {
    expect(plannedCost(50, 100, MULTISTAGE_DEFAULTS)).toBe(749);
    const scores = bernoulliPool(spreadRates(50, 1), 100, 1);
    const result = await createSelector("multistage").select(50, recorder(scores).evaluate, { evalSize: 100, budget: 5000, seed: 1 });
    expect(result.evaluations).toBe(749);
  });

  it("shrinks the first batch to fit a tight budget and still reaches the finalists", async () => {
    const budget = plannedCost(50, 100, { ...MULTISTAGE_DEFAULTS, firstBatch: 2 });
    expect(fitFirstBatch(50, 100, budget, MULTISTAGE_DEFAULTS)).toBe(2);
    const scores = bernoulliPool(spreadRates(50, 2), 100, 2);
    const result = await createSelector("multistage").select(50, recorder(scores).evaluate, { evalSize: 100, budget, seed: 2 });
    expect(result.evaluations).toBe(budget);
    const finalists = result.ranking.filter((o) => o.droppedAt === undefined);
    expect(finalists).toHaveLength(MULTISTAGE_DEFAULTS.finalists);
    expect(finalists.every((o) => o.count === 100)).toBe(true);
    expect(fitFirstBatch(50, 100, 10, MULTISTAGE_DEFAULTS)).toBe(1);
  });
});
