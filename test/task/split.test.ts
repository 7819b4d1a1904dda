import { describe, expect, it } from "vitest";
import { DEFAULT_DEMO_CAP, fractionSum, splitByFractions, splitCounts } from "../../src/task/split.js";

const total = (c: Record<string, number>): number => Object.values(c).reduce((a, b) => a + b, 0);

describe("splitCounts", () => {
  it("gives every example to exactly one split, whatever the count and fractions", () => {
    const fractions = [undefined, {}, { demo: 0.2, eval: 0.4, test: 0.4 }, { demo: 0.1, eval: 0.9 }, { demo: 1 / 3, eval: 1 / 3, test: 1 / 3 }];
    for (const split of fractions) {
      for (let n = 0; n <= 120; n++) {
        const counts = splitCounts(n, split);
        expect(total(counts), `${n} examples, split ${JSON.stringify(split)}`).toBe(n);
        expect(Object.values(counts).every((c) => Number.isInteger(c) && c >= 0)).toBe(true);
      }
    }
  });

  it("keeps one demo and gives eval the odd example in a tiny task", () => {
    expect(splitCounts(1, undefined)).toEqual({ demo: 1, eval: 0, test: 0 });
    expect(splitCounts(2, undefined)).toEqual({ demo: 1, eval: 1, test: 0 });
    expect(splitCounts(4, undefined)).toEqual({ demo: 1, eval: 2, test: 1 });
  });

  it("caps the default demo split however large the task", () => {
    expect(splitCounts(10_000, undefined)).toEqual({ demo: DEFAULT_DEMO_CAP, eval: 4975, test: 4975 });
  });

  it("cuts by the file's fractions, rounding to whole examples", () => {
    expect(splitCounts(10, { demo: 0.1, eval: 0.3, test: 0.6 })).toEqual({ demo: 1, eval: 3, test: 6 });
    expect(splitCounts(7, { demo: 0.5, eval: 0.5 })).toEqual({ demo: 4, eval: 3, test: 0 });
  });
});

describe("splitByFractions", () => {
  const ids = Array.from({ length: 30 }, (_, i) => `ex${i}`);

  it("puts each example in one split, the same way for the same seed", () => {
    const a = splitByFractions(ids, undefined, 5);
    expect([...a.demo, ...a.eval, ...a.test].sort()).toEqual([...ids].sort());
    expect(splitByFractions(ids, undefined, 5)).toEqual(a);
    expect(splitByFractions(ids, undefined, 6)).not.toEqual(a);
    expect([a.demo.length, a.eval.length, a.test.length]).toEqual([6, 12, 12]);
  });
});

describe("fractionSum", () => {
  it("adds the fractions given, and counts no fractions as a whole", () => {
    expect(fractionSum({})).toBe(1);
    expect(fractionSum({ demo: 0.2, eval: 0.3 })).toBeCloseTo(0.5, 12);
  });
});
