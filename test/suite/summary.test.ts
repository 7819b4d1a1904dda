import { describe, expect, it } from "vitest";
import { outcome } from "../../src/suite/summary.js";

describe("outcome (a tie when the 95% intervals overlap)", () => {
  const score = (s: number, low: number, high: number) => ({ text: "", score: s, count: 10, interval: { low, high, method: "wilson" as const } });
  it("wins only when ape's whole interval is above the reference's, loses when below", () => {
    expect(outcome(score(0.9, 0.8, 0.97), score(0.5, 0.3, 0.7))).toBe("win");
    expect(outcome(score(0.5, 0.3, 0.7), score(0.9, 0.8, 0.97))).toBe("loss");
    expect(outcome(score(0.9, 0.6, 0.97), score(0.5, 0.3, 0.7))).toBe("tie");
  });
});
