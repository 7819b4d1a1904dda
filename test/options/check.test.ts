import { describe, expect, it } from "vitest";
import { search, UsageError } from "../../src/index.js";
import { resolve } from "../../src/options/search-options.js";

describe("the library checks its options against the option table", () => {
  it("refuses seed: -1 naming the option `seed`, not a flag, before any task is read", async () => {
    expect(() => resolve({ seed: -1 })).toThrow(UsageError);
    expect(() => resolve({ seed: -1 })).toThrow(/^seed must be a whole number ≥ 0 \(got -1\)\.$/);
    await expect(search({ task: "no-such-task.json", seed: -1, db: ":memory:" })).rejects.toThrow(/^seed must be a whole number ≥ 0 \(got -1\)\.$/);
  });

  it("names the library option and its units for every kind of setting", () => {
    expect(() => resolve({ topK: 1.5 })).toThrow(/^topK must be a whole number ≥ 1 \(got 1\.5\)\.$/);
    expect(() => resolve({ rps: 0 })).toThrow(/^rps must be a positive number \(got 0\)\.$/);
    expect(() => resolve({ timeoutMs: -5 })).toThrow(/^timeoutMs must be a positive number \(got -5\)\.$/);
    expect(() => resolve({ candidates: Number.NaN })).toThrow(/^candidates needs a number \(got NaN\)\.$/);
  });

  it("applies the table's defaults where an option is not given", () => {
    expect(resolve({})).toEqual({
      scorer: "exec",
      targetFormat: "auto",
      mode: "forward",
      candidates: 20,
      subsets: 5,
      demos: 5,
      minEvidence: 20,
      raceWidth: 3,
      rounds: 0,
      refine: "both",
      topK: 3,
      variants: 4,
      seed: 0,
      concurrency: 8,
      batch: 16,
      timeoutMs: 120_000,
      cache: true,
    });
    expect(resolve({ seed: 7, evalBudget: 40, rps: 2.5 })).toMatchObject({ seed: 7, evalBudget: 40, rps: 2.5 });
  });
});
