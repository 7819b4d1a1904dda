import { describe, expect, it } from "vitest";
import { ApeError, UsageError } from "../../src/errors.js";
import { PoolState } from "../../src/select/pool-state.js";
import type { Evaluate } from "../../src/select/selector.js";
import { recorder } from "./support.js";

const ones = Array.from({ length: 4 }, () => Array.from({ length: 10 }, () => 1));

describe("PoolState", () => {
  it("shares a short budget evenly instead of starving the last candidates", () => {
    const state = new PoolState(4, recorder(ones).evaluate, { evalSize: 10, budget: 10, seed: 1 });
    expect(state.share([0, 1, 2, 3], 5).map((a) => a.size)).toEqual([3, 3, 2, 2]);
    expect(state.share([0, 1], 5).map((a) => a.size)).toEqual([5, 5]);
  });

  it("cuts batches at the budget and at the end of the split", async () => {
    const rec = recorder(ones);
    const state = new PoolState(4, rec.evaluate, { evalSize: 10, budget: 14, seed: 1 });
    expect(
      await state.score([
        { candidate: 0, size: 8 },
        { candidate: 0, size: 8 },
      ]),
    ).toBe(10);
    expect(state.unseen(0)).toBe(0);
    expect(await state.score([{ candidate: 1, size: 8 }])).toBe(4);
    expect(state.left).toBe(0);
    expect(await state.score([{ candidate: 2, size: 1 }])).toBe(0);
    expect(rec.calls).toHaveLength(2);
  });

  it("sends a batch past those still out, and adds scores only in the order sent", async () => {
    const rec = recorder(Array.from({ length: 2 }, () => Array.from({ length: 10 }, (_, e) => e / 10)));
    const state = new PoolState(2, rec.evaluate, { evalSize: 10, budget: 20, seed: 1 });
    const first = state.send([{ candidate: 0, size: 3 }]);
    const second = state.send([{ candidate: 0, size: 3 }]);
    // The second batch starts where the first ends, before either is answered; both are charged.
    expect(second.requests[0]?.examples).toEqual(state.order.slice(3, 6));
    expect(state.unseen(0)).toBe(4);
    expect(state.left).toBe(14);
    expect(state.count(0)).toBe(0);
    await expect(state.collect(second)).rejects.toThrow(/order/);
    expect(await state.collect(first)).toBe(3);
    expect(state.scores(0)).toEqual(state.order.slice(0, 3).map((e) => e / 10));
  });

  it("rejects a scorer that answers the wrong shape or a non-finite score", async () => {
    const short: Evaluate = async (requests) => requests.map(() => [1]);
    await expect(new PoolState(2, short, { evalSize: 5, budget: 10, seed: 1 }).score([{ candidate: 0, size: 3 }])).rejects.toThrow(ApeError);
    const nan: Evaluate = async (requests) => requests.map((r) => r.examples.map(() => Number.NaN));
    await expect(new PoolState(2, nan, { evalSize: 5, budget: 10, seed: 1 }).score([{ candidate: 0, size: 3 }])).rejects.toThrow(/non-finite/);
  });

  it("rejects impossible options", () => {
    const { evaluate } = recorder(ones);
    expect(() => new PoolState(-1, evaluate, { evalSize: 5, budget: 10, seed: 1 })).toThrow(UsageError);
    expect(() => new PoolState(2, evaluate, { evalSize: 2.5, budget: 10, seed: 1 })).toThrow(UsageError);
    expect(() => new PoolState(2, evaluate, { evalSize: 5, budget: -1, seed: 1 })).toThrow(UsageError);
  });
});
