import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { createSelector, isSelectorName, SELECTORS, type SelectorName } from "../../src/select/index.js";

describe("createSelector", () => {
  it("builds every strategy under its own name", () => {
    for (const name of SELECTORS) expect(createSelector(name).name).toBe(name);
  });

  it("rejects an unknown name with the list of known ones", () => {
    expect(isSelectorName("ucb")).toBe(true);
    expect(isSelectorName("greedy")).toBe(false);
    expect(() => createSelector("greedy" as SelectorName)).toThrow(UsageError);
    expect(() => createSelector("greedy" as SelectorName)).toThrow(/multistage/);
  });

  it("checks each strategy's settings", () => {
    expect(() => createSelector("ucb", { samplesPerPull: 0 })).toThrow(UsageError);
    expect(() => createSelector("halving", { eta: 1 })).toThrow(UsageError);
    expect(() => createSelector("bounds", { delta: 0 })).toThrow(UsageError);
  });
});
