import { describe, expect, it } from "vitest";
import { createRng, deriveSeed, mulberry32, permutation, splitmix32 } from "../src/random.js";

describe("random", () => {
  it("repeats for a seed and differs across seeds", () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 20 }, () => a());
    expect(Array.from({ length: 20 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const c = mulberry32(8);
    expect(Array.from({ length: 20 }, () => c())).not.toEqual(xs);
  });

  it("derives distinct 32-bit seeds per stream", () => {
    const seeds = new Set([0, 1, 2, 3, 4, 5].map((s) => deriveSeed(42, s)));
    expect(seeds.size).toBe(6);
    expect([...seeds].every((s) => Number.isInteger(s) && s >= 0 && s < 2 ** 32)).toBe(true);
    expect(splitmix32(1)).not.toBe(splitmix32(2));
  });

  it("shuffles into a permutation without touching the input", () => {
    const input = Object.freeze([1, 2, 3, 4, 5, 6, 7, 8]);
    const out = createRng(3).shuffle(input);
    expect([...out].sort((x, y) => x - y)).toEqual([...input]);
    expect(createRng(3).shuffle(input)).toEqual(out);
    expect(permutation(5, createRng(1)).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it("draws integers in range, roughly uniformly", () => {
    const rng = createRng(9);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const k = rng.int(4);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(counts.every((n) => n > 850 && n < 1150)).toBe(true);
  });
});
