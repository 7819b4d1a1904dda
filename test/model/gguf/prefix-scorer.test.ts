import { describe, expect, it } from "vitest";
import { continuationStart } from "../../../src/model/gguf/boundary.js";
import { scoreJob, tokensToKeep, type EvalStats, type ScoringSequence } from "../../../src/model/gguf/prefix-scorer.js";
import { cutAtStop } from "../../../src/model/gguf/sample-text.js";
import { commonPrefixLength, SequencePool } from "../../../src/model/gguf/sequence-pool.js";

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

describe("sequence pool", () => {
  it("gives a waiter the free sequence whose cache shares the most tokens", async () => {
    const a = { contextTokens: [1, 2, 3] };
    const b = { contextTokens: [1, 7, 8, 9] };
    const pool = new SequencePool([a, b]);
    expect(await pool.acquire([1, 7, 8])).toBe(b);
    expect(await pool.acquire([1, 7, 8])).toBe(a);
    const waiting = pool.acquire([5]);
    pool.release(b);
    expect(await waiting).toBe(b);
    expect(pool.size).toBe(2);
  });

  it("serves waiters first come, first served and always releases after a job", async () => {
    const pool = new SequencePool([{ contextTokens: [] as number[] }]);
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2].map((i) =>
        pool
          .use([], async () => {
            order.push(i);
            if (i === 1) throw new Error("boom");
          })
          .catch(() => undefined),
      ),
    );
    expect(order).toEqual([0, 1, 2]);
    expect(await pool.acquire([])).toBeDefined();
  });

  it("measures common prefixes", () => {
    expect(commonPrefixLength([1, 2, 3], [1, 2, 4])).toBe(2);
    expect(commonPrefixLength([], [1])).toBe(0);
  });
});

describe("continuation boundary", () => {
  // Tokens of "Output: cold" as pieces; the prefix is "Output:".
  const pieces = ["Out", "put", ":", " co", "ld"];
  const textOf = (k: number): string => pieces.slice(0, k).join("");

  it("starts at the first token at or after the end of the prefix", () => {
    expect(continuationStart(pieces.length, "Output:", textOf)).toBe(3);
  });

  it("leaves a token that straddles the boundary with the prefix", () => {
    expect(continuationStart(pieces.length, "Output: c", textOf)).toBe(4);
  });

  it("scores the word after a prefix that wrongly ends in a space", () => {
    expect(continuationStart(pieces.length, "Output: ", textOf)).toBe(3);
  });

  it("scores the whole text for an empty prefix", () => {
    expect(continuationStart(pieces.length, "", textOf)).toBe(0);
  });
});

describe("stop strings", () => {
  it("cuts at the earliest stop string and ignores empty ones", () => {
    expect(cutAtStop("cold\nInput: x", ["Input", "\n"])).toBe("cold");
    expect(cutAtStop("cold", ["", "x"])).toBeUndefined();
  });
});
