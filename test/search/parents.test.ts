import { describe, expect, it } from "vitest";
import { createRng } from "../../src/random.js";
import { chooseParents, paretoFront } from "../../src/search/parents.js";

/** Scores by candidate: example id → score. */
const rows = (table: Record<number, Record<string, number>>) =>
  Object.entries(table).flatMap(([id, scores]) =>
    Object.entries(scores).map(([exampleId, score]) => ({ candidateId: Number(id), row: { exampleId, output: null, score, feedback: null } })),
  );

describe("parents from the Pareto front over eval examples", () => {
  const scored = rows({
    1: { a: 1, b: 0, c: 1, d: 1, e: 0 }, // best mean; alone best on a
    2: { a: 0, b: 1, c: 1, d: 1 }, // alone best on b
    3: { c: 1, e: 1 }, // raced out early, but best on e
    4: { a: 0, b: 0, c: 1, d: 0 }, // best nowhere
    5: { a: 1, c: 1 }, // best on a too, but 1 is best on a and d: dominated
  });

  it("keeps the candidates best on some example where not everyone is, weighted by how many, without the dominated", () => {
    expect(paretoFront(scored, new Set([1, 2, 3, 4, 5]))).toEqual(
      new Map([
        [1, 2], // a, d
        [2, 2], // b, d
        [3, 1], // e
      ]),
    );
    // Only the candidates of the pool count.
    expect(paretoFront(scored, new Set([4, 5]))).toEqual(new Map([[5, 1]]));
  });

  it("puts the best so far first, then draws from the front by weight, then follows the ranking", () => {
    const front = paretoFront(scored, new Set([1, 2, 3, 4, 5]));
    const ranking = [1, 2, 5, 4, 3];
    expect(chooseParents(ranking, front, 1, createRng(1))).toEqual([1]);
    const firstDraws = new Map<number, number>();
    for (let seed = 0; seed < 3000; seed++) {
      const parents = chooseParents(ranking, front, 3, createRng(seed));
      expect(parents[0]).toBe(1);
      expect([...parents].sort()).toEqual([1, 2, 3]); // 3 is on the front, 5 is not, whatever their means
      firstDraws.set(parents[1] ?? 0, (firstDraws.get(parents[1] ?? 0) ?? 0) + 1);
    }
    // 2 is best on two examples, 3 on one: drawn first about twice as often.
    expect((firstDraws.get(2) ?? 0) / 3000).toBeCloseTo(2 / 3, 1);
    expect(chooseParents(ranking, front, 5, createRng(7)).slice(3)).toEqual([5, 4]);
  });
});
