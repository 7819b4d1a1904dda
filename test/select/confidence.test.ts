import { describe, expect, it } from "vitest";
import { radius } from "../../src/select/confidence.js";

describe("radius", () => {
  it("is infinite below two examples, zero on the whole split, and shrinks with n", () => {
    const at = (n: number): number => radius({ n, size: 100, variance: 0.25, range: 1, delta: 0.05 });
    expect(at(1)).toBe(Infinity);
    expect(at(100)).toBe(0);
    expect(at(10)).toBeGreaterThan(at(40));
    expect(at(40)).toBeGreaterThan(at(90));
  });
});
