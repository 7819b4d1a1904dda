import { afterEach, describe, expect, it, vi } from "vitest";
import { ConnectionError, ModelError } from "../../src/errors.js";
import { DEFAULT_RETRY, isTransient, retryDelay, retrying, type RetryPolicy } from "../../src/model/retry.js";

/** A policy whose waits are all zero, so the tests below need no clock. */
const NO_WAIT: RetryPolicy = { attempts: 4, baseMs: 0, maxMs: 0 };
const overloaded = (): ModelError => new ModelError("http://x/v1", "server overloaded (503)", { status: 503, transient: true });
const refusedKey = (): ModelError => new ModelError("http://x/v1", "the API key was refused (401)", { status: 401 });

/** An attempt that fails with `errors` in turn, then answers "ok"; `calls` counts the attempts. */
function flaky(...errors: unknown[]): { attempt: () => Promise<string>; calls: () => number } {
  let n = 0;
  return {
    attempt: async () => {
      const error = errors[n++];
      if (error !== undefined) throw error;
      return "ok";
    },
    calls: () => n,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("retryDelay", () => {
  it("doubles the longest wait with each retry up to maxMs, and waits at least half of it", () => {
    const policy = DEFAULT_RETRY;
    expect(retryDelay(policy, 1, 0)).toBe(125);
    expect(retryDelay(policy, 1, 0.999)).toBeLessThanOrEqual(250);
    expect(retryDelay(policy, 2, 0)).toBe(250);
    expect(retryDelay(policy, 3, 0)).toBe(500);
    expect(retryDelay(policy, 20, 0)).toBe(policy.maxMs / 2);
    expect(retryDelay(policy, 20, 0.999)).toBeLessThanOrEqual(policy.maxMs);
  });

  it("waits at least what the server asked for in retry-after, but never more than three times maxMs", () => {
    expect(retryDelay(DEFAULT_RETRY, 1, 0, 5000)).toBe(5000);
    expect(retryDelay(DEFAULT_RETRY, 1, 0, 3_600_000)).toBe(3 * DEFAULT_RETRY.maxMs);
    // A retry-after shorter than the backoff changes nothing.
    expect(retryDelay(DEFAULT_RETRY, 3, 0, 10)).toBe(500);
  });
});

describe("retrying", () => {
  it("tries a transient fault again until the call succeeds, telling onRetry about each fault", async () => {
    const { attempt, calls } = flaky(overloaded(), new ConnectionError("http://x/v1", "ECONNREFUSED"));
    const seen: unknown[] = [];
    expect(
      await retrying(
        attempt,
        NO_WAIT,
        () => 0,
        undefined,
        (e) => seen.push(e),
      ),
    ).toBe("ok");
    expect(calls()).toBe(3);
    expect(seen.map((e) => (e as Error).constructor.name)).toEqual(["ModelError", "ConnectionError"]);
  });

  it("gives up at once on a fault that will not go away", async () => {
    const { attempt, calls } = flaky(refusedKey());
    await expect(retrying(attempt, NO_WAIT, () => 0)).rejects.toThrow("the API key was refused");
    expect(calls()).toBe(1);
  });

  it("gives up after the policy's attempts, with the last fault", async () => {
    const { attempt, calls } = flaky(overloaded(), overloaded(), overloaded(), new ModelError("http://x/v1", "last one", { transient: true }));
    await expect(retrying(attempt, NO_WAIT, () => 0)).rejects.toThrow("last one");
    expect(calls()).toBe(NO_WAIT.attempts);
  });

  it("stops waiting and tries no more once the signal aborts", async () => {
    const controller = new AbortController();
    const { attempt, calls } = flaky(overloaded(), overloaded());
    const pending = retrying(
      attempt,
      { attempts: 5, baseMs: 60_000, maxMs: 60_000 },
      () => 0,
      controller.signal,
      () => controller.abort(new Error("cancelled by the user")),
    );
    await expect(pending).rejects.toThrow("cancelled by the user");
    expect(calls()).toBe(1);
  });

  it("waits for the server's retry-after before the next attempt", async () => {
    vi.useFakeTimers();
    const busy = new ModelError("http://x/v1", "rate limited (429)", { status: 429, transient: true, retryAfterMs: 3000 });
    const { attempt, calls } = flaky(busy);
    const pending = retrying(attempt, { attempts: 3, baseMs: 100, maxMs: 1000 }, () => 0);
    await vi.advanceTimersByTimeAsync(2999);
    expect(calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls()).toBe(2);
    expect(await pending).toBe("ok");
  });

  it("counts only errors marked transient as worth retrying", () => {
    expect(isTransient(overloaded())).toBe(true);
    expect(isTransient(new ConnectionError("http://x/v1", "ECONNRESET"))).toBe(true);
    expect(isTransient(refusedKey())).toBe(false);
    expect(isTransient(new Error("transient"))).toBe(false);
    expect(isTransient(undefined)).toBe(false);
  });
});
