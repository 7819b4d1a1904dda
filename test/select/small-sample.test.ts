/**
 * A first batch where every candidate scores the same (everyone 0/5 on a hard task, everyone 5/5
 * on an easy one) says nothing about who is best: the race must go on past it, and no winner is
 * declared on fewer examples than the evidence floor (`minEvidence`, or the whole split when
 * smaller). Scores here depend on how many examples a candidate has read so far: every candidate
 * reads the split in the same order, so "the k-th example" is the same example for all.
 */
import { describe, expect, it } from "vitest";
import { createSelector, multistageCost, SELECTORS, type Evaluate, type SelectorName } from "../../src/select/index.js";

/** An evaluate where candidate c's k-th example (in reading order) scores `score(c, k)`; counts what it was asked. */
function byPosition(score: (candidate: number, k: number) => number): { evaluate: Evaluate; asked: () => number } {
  const read = new Map<number, number>();
  let asked = 0;
  return {
    asked: () => asked,
    evaluate: async (requests) =>
      requests.map((r) =>
        r.examples.map(() => {
          const k = read.get(r.candidate) ?? 0;
          read.set(r.candidate, k + 1);
          asked++;
          return score(r.candidate, k);
        }),
      ),
  };
}

/** A 0/1 pattern with success rate about `rate`, the same for every candidate of that rate. */
const hit = (k: number, rate: number): number => (Math.floor((k + 1) * rate) > Math.floor(k * rate) ? 1 : 0);

const POOL = 8;
const EVAL = 60;

describe("an all-equal first batch", () => {
  for (const first of [0, 1] as const) {
    it(`everyone ${first === 0 ? "0/5" : "5/5"} on the first batch: multistage races on and finds the best on at least 20 examples`, async () => {
      // After the first five examples, candidate 3 succeeds on 90% of them and the others on 40%.
      const pool = byPosition((c, k) => (k < 5 ? first : hit(k, c === 3 ? 0.9 : 0.4)));
      const result = await createSelector("multistage").select(POOL, pool.evaluate, { evalSize: EVAL, budget: POOL * EVAL, seed: 5 });
      expect(result.evaluations).toBeGreaterThan(POOL * 5);
      expect(result.ranking[0]?.index).toBe(3);
      expect(result.ranking[0]?.count).toBeGreaterThanOrEqual(20);
    });
  }

  it("everyone 0/5 and then truly equal: the race does not stop at five examples, and the winner is a reported tie", async () => {
    const pool = byPosition((_, k) => (k < 5 ? 0 : hit(k, 0.3)));
    const result = await createSelector("multistage").select(POOL, pool.evaluate, { evalSize: 20, budget: POOL * 20, seed: 5 });
    expect(result.ranking[0]?.count).toBe(20);
    expect(result.tiedWithWinner.length).toBeGreaterThan(0);
    for (const i of result.tiedWithWinner) {
      const o = result.ranking.find((x) => x.index === i);
      expect(o?.mean).toBe(result.ranking[0]?.mean);
      expect(o?.count).toBe(result.ranking[0]?.count);
    }
  });

  it("eight instructions that behave alike: the race confirms its leader and stops, rather than racing copies until its budget is gone", async () => {
    const pool = byPosition((_, k) => hit(k, 0.6));
    const result = await createSelector("multistage").select(POOL, pool.evaluate, { evalSize: 100, budget: POOL * 100, seed: 5 });
    expect(result.ranking[0]?.count).toBeGreaterThanOrEqual(20);
    expect(result.evaluations).toBeLessThan(multistageCost(POOL, 100) / 2);
  });

  const strategies = SELECTORS.filter((s): s is Exclude<SelectorName, "exhaustive"> => s !== "exhaustive");
  for (const name of strategies) {
    it(`${name}: everyone 5/5 on the first batch; the declared winner has the floor of evidence when the budget allows`, async () => {
      const pool = byPosition((c, k) => (k < 5 ? 1 : hit(k, c === 6 ? 0.95 : 0.7)));
      const budget = 100;
      const result = await createSelector(name).select(POOL, pool.evaluate, { evalSize: EVAL, budget, seed: 7, minEvidence: 25 });
      expect(pool.asked()).toBeLessThanOrEqual(budget);
      expect(result.ranking[0]?.count).toBeGreaterThanOrEqual(25);
    });
  }

  it("the floor is the whole split when the split is smaller", async () => {
    const pool = byPosition((c, k) => (k < 5 ? 0 : hit(k, c === 1 ? 0.8 : 0.3)));
    const result = await createSelector("multistage").select(POOL, pool.evaluate, { evalSize: 12, budget: POOL * 12, seed: 3 });
    expect(result.ranking[0]?.count).toBe(12);
  });
});
