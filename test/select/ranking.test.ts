import { describe, expect, it } from "vitest";
import { rankOutcomes } from "../../src/select/ranking.js";
import type { CandidateOutcome } from "../../src/select/selector.js";

const outcome = (index: number, mean: number, count: number, droppedAt?: number): CandidateOutcome => ({
  index,
  mean: count === 0 ? Number.NaN : mean,
  count,
  droppedAt,
  history: [],
});

const order = (outcomes: readonly CandidateOutcome[], ties = outcomes.map((o) => o.index)): number[] => rankOutcomes(outcomes, ties).map((o) => o.index);

describe("rankOutcomes (the ranking every strategy reports)", () => {
  it("puts survivors first by mean, even above a dropped candidate with a higher mean", () => {
    // A candidate dropped early on a lucky few examples does not outrank the race's winner.
    expect(order([outcome(0, 0.9, 4, 0), outcome(1, 0.6, 80), outcome(2, 0.7, 80)])).toEqual([2, 1, 0]);
  });

  it("ranks dropped candidates by how far they got, then by mean", () => {
    expect(order([outcome(0, 0.8, 4, 0), outcome(1, 0.3, 20, 2), outcome(2, 0.5, 4, 0), outcome(3, 0.4, 12, 1)])).toEqual([1, 3, 0, 2]);
  });

  it("puts candidates never scored last", () => {
    expect(order([outcome(0, 0, 0), outcome(1, 0.1, 3, 0), outcome(2, 0, 0), outcome(3, 0.2, 5)])).toEqual([3, 1, 0, 2]);
  });

  it("breaks a tie in mean by more examples, then by the seeded order, not by index", () => {
    expect(order([outcome(0, 0.5, 10), outcome(1, 0.5, 40)])).toEqual([1, 0]);
    const tied = [outcome(0, 0.5, 10), outcome(1, 0.5, 10), outcome(2, 0.5, 10)];
    expect(order(tied, [2, 0, 1])).toEqual([2, 0, 1]);
    expect(order(tied, [1, 2, 0])).toEqual([1, 2, 0]);
  });

  it("leaves its input as it was", () => {
    const outcomes = [outcome(0, 0.1, 5), outcome(1, 0.9, 5)];
    rankOutcomes(outcomes, [0, 1]);
    expect(outcomes.map((o) => o.index)).toEqual([0, 1]);
  });
});
