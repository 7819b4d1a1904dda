import { describe, expect, it } from "vitest";
import { fmtInterval, scoreInterval, t95, tInterval, wilson } from "../../src/stats/interval.js";

describe("confidence intervals", () => {
  it("Wilson: the textbook values, never outside [0, 1], exact at 0 and 1", () => {
    const i = wilson(0.5, 40);
    expect(i.low).toBeCloseTo(0.352, 3);
    expect(i.high).toBeCloseTo(0.648, 3);
    expect(wilson(0, 5)).toMatchObject({ low: 0 });
    expect(wilson(0, 5).high).toBeCloseTo(0.4345, 3);
    expect(wilson(1, 40)).toMatchObject({ high: 1 });
    expect(wilson(0.9, 10).high).toBeLessThanOrEqual(1);
  });

  it("t: table values for small samples, tending to 1.96", () => {
    expect(t95(1)).toBe(12.706);
    expect(t95(9)).toBe(2.262);
    expect(t95(60)).toBeCloseTo(2.0003, 2);
    expect(t95(100000)).toBeCloseTo(1.96, 3);
    expect(tInterval(-1, 0.5, 1)).toBeUndefined();
    const i = tInterval(-2, 1, 10);
    expect(i?.low).toBeCloseTo(-2 - (2.262 * 1) / Math.sqrt(10), 6);
  });

  it("picks Wilson for 0/1 scores and mean ± t·sd/√n for anything else", () => {
    expect(scoreInterval({ candidate_id: 1, n: 40, mean: 0.5, sumsq: 20, binary: 1 })?.method).toBe("wilson");
    // scores -1, -2, -3: mean -2, sd 1
    const t = scoreInterval({ candidate_id: 1, n: 3, mean: -2, sumsq: 14, binary: 0 });
    expect(t?.method).toBe("t");
    expect(t?.high).toBeCloseTo(-2 + (4.303 * 1) / Math.sqrt(3), 6);
    expect(scoreInterval(undefined)).toBeUndefined();
    expect(fmtInterval(undefined)).toBe("-");
    expect(fmtInterval(wilson(0.5, 40))).toBe("[0.352, 0.648]");
  });
});
