/** The estimate's contract, as its tests check it against a search that ran. */
import { expect } from "vitest";
import type { Estimate, Totals } from "../../src/index.js";

/** A search's totals are within 15% of its estimate in calls and tokens, and never more calls. */
export function expectWithinEstimate(t: Totals, planned: Estimate): void {
  expect(t.calls).toBeLessThanOrEqual(planned.total.calls);
  expect(t.calls).toBeGreaterThan(planned.total.calls * 0.85);
  const tokens = t.promptTokens + t.completionTokens;
  const plannedTokens = planned.total.promptTokens + planned.total.completionTokens;
  expect(Math.abs(tokens - plannedTokens) / plannedTokens).toBeLessThan(0.15);
}
