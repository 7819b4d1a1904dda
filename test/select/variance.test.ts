import { describe, expect, it } from "vitest";
import { compare } from "../../src/select/compare.js";
import { PoolState } from "../../src/select/pool-state.js";
import { scoreKind, varianceModel } from "../../src/select/variance.js";

/** A pool state where candidate c has scored `rows[c]` on its first examples. */
async function scored(rows: readonly (readonly number[])[], evalSize = 100): Promise<PoolState> {
  const n = rows[0]?.length ?? 0;
  // Every candidate reads the split in one order: give each example's score by reading position.
  const state = new PoolState(rows.length, async (requests) => requests.map((r) => r.examples.map((_, k) => rows[r.candidate]?.[k] ?? 0)), {
    evalSize,
    budget: rows.length * evalSize,
    seed: 1,
  });
  await state.score(rows.map((_, candidate) => ({ candidate, size: n })));
  return state;
}

describe("small-sample variances", () => {
  it("are never 0 on five equal 0/1 scores: Jeffreys p(1 − p), for a candidate and for a paired difference", async () => {
    for (const value of [0, 1]) {
      const state = await scored([Array(5).fill(value), Array(5).fill(value)]);
      expect(scoreKind(state)).toBe("binary");
      const model = varianceModel(state, [0, 1]);
      const p = 0.5 / 6;
      expect(model.candidate(0)).toBeCloseTo(p * (1 - p), 12);
      const d = compare(state, 0, 1, model);
      expect(d?.mean).toBe(0);
      expect(d?.se).toBeGreaterThan(0.1);
    }
  });

  it("narrow as agreeing examples add up, and are 0 once both have seen the whole split", async () => {
    const few = await scored([Array(5).fill(0), Array(5).fill(0)]);
    const many = await scored([Array(60).fill(0), Array(60).fill(0)]);
    const all = await scored([Array(100).fill(0), Array(100).fill(0)]);
    const se = (s: PoolState): number => compare(s, 0, 1, varianceModel(s, [0, 1]))?.se ?? Number.NaN;
    expect(se(many)).toBeLessThan(se(few));
    expect(se(many)).toBeGreaterThan(0);
    expect(se(all)).toBe(0);
  });

  it("read scores in [0, 1] that are not all 0 or 1 as bounded, and keep equal ones above 0", async () => {
    const state = await scored([Array(5).fill(0.5), Array(5).fill(0.5)]);
    expect(scoreKind(state)).toBe("bounded");
    expect(varianceModel(state, [0, 1]).candidate(0)).toBeGreaterThan(0);
    expect(compare(state, 0, 1, varianceModel(state, [0, 1]))?.se).toBeGreaterThan(0);
  });

  it("shrink equal log-probabilities toward a tenth of their magnitude, squared", async () => {
    const state = await scored([Array(5).fill(-2), Array(5).fill(-2)]);
    expect(scoreKind(state)).toBe("unbounded");
    // Five scores (4 degrees of freedom, variance 0) against a prior of (0.1 × 2)² weighing 2.
    expect(varianceModel(state, [0, 1]).candidate(0)).toBeCloseTo((0.04 * 2) / 6, 12);
    expect(compare(state, 0, 1, varianceModel(state, [0, 1]))?.se).toBeGreaterThan(0);
  });
});
