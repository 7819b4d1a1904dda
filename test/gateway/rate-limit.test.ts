import { describe, expect, it } from "vitest";
import { RateLimiter, type Clock } from "../../src/gateway/rate-limit.js";

/** A fake clock: sleeping moves time forward, nothing really waits. */
function fakeClock(): Clock & { t: number } {
  const clock = {
    t: 0,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += ms;
    },
  };
  return clock;
}

/** Most events in any window of `width` ms. */
function busiest(times: readonly number[], width: number): number {
  let most = 0;
  for (const start of times) most = Math.max(most, times.filter((t) => t >= start && t < start + width).length);
  return most;
}

describe("RateLimiter", () => {
  it("--rps: never more requests in any second than the limit", async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ requestsPerSecond: 5 }, clock);
    const times: number[] = [];
    for (let i = 0; i < 40; i++) times.push((await limiter.acquire(1)).at);
    expect(busiest(times, 1000)).toBeLessThanOrEqual(5);
    expect(times.at(-1)).toBeGreaterThanOrEqual(39 * 200 - 1);
  });

  it("--tpm: the tokens sent in any minute never add up to more than the limit, settled to what was used", async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ tokensPerMinute: 1000 }, clock);
    const sent: { at: number; tokens: number }[] = [];
    for (let i = 0; i < 30; i++) {
      const ticket = await limiter.acquire(300);
      // Each request really used 200 of the 300 expected: the rest is given back.
      limiter.settle(ticket, 200);
      sent.push({ at: ticket.at, tokens: 200 });
      clock.t += 10;
    }
    for (const s of sent) {
      const inWindow = sent.filter((x) => x.at >= s.at && x.at < s.at + 60_000).reduce((n, x) => n + x.tokens, 0);
      expect(inWindow).toBeLessThanOrEqual(1000);
    }
    // Settling gave tokens back: more than 1000/300 = 3 requests fit in the first minute.
    expect(sent.filter((x) => x.at < 60_000).length).toBeGreaterThan(3);
  });

  it("lets one request larger than the whole limit go alone", async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ tokensPerMinute: 100 }, clock);
    const a = await limiter.acquire(500);
    const b = await limiter.acquire(10);
    expect(a.at).toBe(0);
    expect(b.at).toBeGreaterThanOrEqual(60_000);
  });

  it("serves waiters in the order they came", async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ requestsPerSecond: 2 }, clock);
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map(async (i) => {
        await limiter.acquire(1);
        order.push(i);
      }),
    );
    expect(order).toEqual([0, 1, 2, 3]);
  });
});
