import { describe, expect, it } from "vitest";
import { scoreJob, tokensToKeep, type EvalStats, type ScoringSequence } from "../../../src/model/gguf/prefix-scorer.js";

/** A fake sequence whose "log-probability" of token t after position p is −(t + p)/100, recording what it evaluated. */
class FakeSequence implements ScoringSequence {
  contextTokens: number[] = [];
  evaluated: number[][] = [];
  async truncate(index: number): Promise<void> {
    this.contextTokens = this.contextTokens.slice(0, index);
  }
  async evaluate(tokens: readonly number[], targets: ReadonlyMap<number, number>): Promise<Map<number, number>> {
    const base = this.contextTokens.length;
    this.contextTokens.push(...tokens);
    this.evaluated.push([...tokens]);
    return new Map([...targets].map(([i, t]) => [i, -(t + base + i) / 100]));
  }
}

const stats = (): EvalStats => ({ tokensEvaluated: 0, tokensReused: 0 });

describe("prefix scorer", () => {
  it("evaluates only what follows the cached common prefix, with the same scores", async () => {
    const reused = new FakeSequence();
    const fresh = new FakeSequence();
    const s1 = stats();
    const s2 = stats();
    const jobs = [
      { tokens: [1, 10, 11, 12, 13, 20, 21], start: 5 },
      { tokens: [1, 10, 11, 12, 13, 30], start: 5 },
      { tokens: [1, 10, 11, 40, 41], start: 4 },
    ];
    for (const job of jobs) {
      expect(await scoreJob(reused, job, true, s1)).toEqual(await scoreJob(fresh, job, false, s2));
    }
    expect(reused.evaluated).toEqual([
      [1, 10, 11, 12, 13, 20, 21],
      [13, 30],
      [40, 41],
    ]);
    expect(s1).toEqual({ tokensEvaluated: 11, tokensReused: 7 });
    expect(s2).toEqual({ tokensEvaluated: 18, tokensReused: 0 });
  });

  it("re-evaluates the token before the continuation, whose output is needed", () => {
    expect(tokensToKeep([1, 2, 3, 4], [1, 2, 3, 4, 5], 3, true)).toBe(3);
    expect(tokensToKeep([1, 2, 9], [1, 2, 3, 4, 5], 3, true)).toBe(2);
    expect(tokensToKeep([1, 2, 3], [1, 2, 3, 4], 3, false)).toBe(0);
  });

  it("scores nothing for an empty continuation and rejects a start without a predecessor", async () => {
    expect(await scoreJob(new FakeSequence(), { tokens: [1, 2], start: 2 }, true, stats())).toEqual([]);
    await expect(scoreJob(new FakeSequence(), { tokens: [1, 2], start: 0 }, true, stats())).rejects.toThrow(RangeError);
  });
});
