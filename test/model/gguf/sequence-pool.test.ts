import { describe, expect, it } from "vitest";
import { commonPrefixLength, SequencePool } from "../../../src/model/gguf/sequence-pool.js";

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
