import { describe, expect, it } from "vitest";
import { createSelector, multistageCost, SELECTORS, type SelectionResult } from "../../src/select/index.js";
import { bernoulliPool, recorder, spreadRates } from "./support.js";

const POOLS = [0, 1, 2, 7, 20] as const;
const EVAL_SIZES = [1, 5, 30] as const;
const BUDGETS = [0, 1, 3, 10, 57, 200, 10_000] as const;

function checkResult(result: SelectionResult, poolSize: number, evalSize: number, rec: ReturnType<typeof recorder>): void {
  expect(result.ranking.map((o) => o.index).sort((a, b) => a - b)).toEqual(Array.from({ length: poolSize }, (_, i) => i));
  expect(result.evaluations).toBe(rec.total());
  for (const o of result.ranking) {
    const seen = rec.seen(o.index);
    // Fresh batches: never an example twice, always inside the split.
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.every((e) => Number.isInteger(e) && e >= 0 && e < evalSize)).toBe(true);
    expect(o.count).toBe(seen.length);
    // History: stages strictly increasing, counts growing, the last record is the final state.
    const stages = o.history.map((h) => h.stage);
    expect(stages).toEqual([...stages].sort((a, b) => a - b));
    expect(new Set(stages).size).toBe(stages.length);
    for (let i = 1; i < o.history.length; i++) {
      expect(o.history[i]?.count ?? 0).toBeGreaterThanOrEqual(o.history[i - 1]?.count ?? 0);
    }
    const last = o.history.at(-1);
    if (o.count > 0) {
      expect(last?.count).toBe(o.count);
      expect(last?.mean).toBeCloseTo(o.mean, 12);
    } else {
      expect(o.history).toEqual([]);
      expect(Number.isNaN(o.mean)).toBe(true);
    }
    // A dropped candidate has no record after its drop stage.
    const dropped = o.droppedAt;
    if (dropped !== undefined) expect(o.history.every((h) => h.stage <= dropped)).toBe(true);
  }
  // Never-scored candidates never rank above scored ones.
  const firstUnscored = result.ranking.findIndex((o) => o.count === 0);
  if (firstUnscored >= 0) expect(result.ranking.slice(firstUnscored).every((o) => o.count === 0)).toBe(true);
}

describe.each(SELECTORS)("%s", (name) => {
  it("stays within budget, serves fresh examples and keeps consistent histories", async () => {
    for (const poolSize of POOLS) {
      for (const evalSize of EVAL_SIZES) {
        for (const budget of BUDGETS) {
          for (const seed of [1, 2]) {
            const rec = recorder(bernoulliPool(spreadRates(poolSize, seed), evalSize, seed));
            const result = await createSelector(name).select(poolSize, rec.evaluate, { evalSize, budget, seed });
            expect(rec.total()).toBeLessThanOrEqual(budget);
            checkResult(result, poolSize, evalSize, rec);
          }
        }
      }
    }
  });

  it("gives the same ranking and histories for the same seed", async () => {
    const scores = bernoulliPool(spreadRates(30, 5), 60, 5);
    const run = async (seed: number) => createSelector(name).select(30, recorder(scores).evaluate, { evalSize: 60, budget: 400, seed });
    expect(await run(11)).toEqual(await run(11));
    const different = await Promise.all([12, 13, 14, 15].map(run));
    const base = JSON.stringify(await run(11));
    expect(different.some((r) => JSON.stringify(r) !== base)).toBe(true);
  });

  it("picks a clearly best candidate", async () => {
    for (const seed of [1, 2, 3]) {
      const rates = spreadRates(20, seed).map((r) => r * 0.6);
      rates[13] = 0.97;
      const rec = recorder(bernoulliPool(rates, 60, seed));
      const result = await createSelector(name).select(20, rec.evaluate, { evalSize: 60, budget: 600, seed });
      expect(result.ranking[0]?.index).toBe(13);
    }
  });

  it("works with log-probability scores (≤ 0)", async () => {
    const scores = Array.from({ length: 12 }, (_, c) => Array.from({ length: 40 }, (_, e) => -(c === 4 ? 0.1 : 1.5) - ((e * 7 + c) % 5) / 10));
    const rec = recorder(scores);
    const result = await createSelector(name).select(12, rec.evaluate, { evalSize: 40, budget: 300, seed: 3 });
    expect(result.ranking[0]?.index).toBe(4);
    expect(result.ranking[0]?.mean).toBeLessThan(0);
    checkResult(result, 12, 40, rec);
  });
});

describe("maxEvaluations", () => {
  it("tells what multistage may spend on its own; the others spend what they are given", () => {
    expect(createSelector("multistage").maxEvaluations?.(50, 100)).toBe(multistageCost(50, 100));
    expect(createSelector("multistage").maxEvaluations?.(3, 10)).toBe(30);
    expect(createSelector("halving").maxEvaluations).toBeUndefined();
  });
});
