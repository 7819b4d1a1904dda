import { describe, expect, it } from "vitest";
import { iqm } from "../../src/stats/iqm.js";

describe("iqm (the mean of the middle 50%, as scipy.stats.trim_mean(x, 0.25))", () => {
  it("drops the lowest and highest quarter (rounded down) and averages the rest", () => {
    expect(iqm([8, 1, 7, 2, 6, 3, 5, 4])).toBe(4.5); // keeps 3, 4, 5, 6
    expect(iqm([0.1, 0.2, 0.3, 0.4, 10])).toBeCloseTo(0.3, 12); // n = 5: one dropped at each end
    expect(iqm([1, 100, 2, 3, 4, -50, 5])).toBeCloseTo(3, 12); // n = 7: one dropped at each end
  });

  it("is the plain mean below four scores, and undefined with none", () => {
    expect(iqm([0.2, 0.5, 0.9])).toBeCloseTo(1.6 / 3, 12);
    expect(iqm([0.7])).toBe(0.7);
    expect(iqm([])).toBeUndefined();
  });

  it("over 24 tasks (the paper's count) averages the middle 12", () => {
    const scores = Array.from({ length: 24 }, (_, i) => i / 23);
    const middle = scores.slice(6, 18);
    expect(iqm([...scores].reverse())).toBeCloseTo(middle.reduce((s, x) => s + x, 0) / 12, 12);
  });
});
