/**
 * The one delay function for retries: exponential backoff with full jitter, never shorter than
 * what the server asked for in `retry-after`.
 */

/** Retry settings. */
export interface RetryPolicy {
  /** Attempts in all, the first included. @default 8 */
  readonly attempts: number;
  /** Delay before the first retry, in milliseconds. @default 250 */
  readonly baseMs: number;
  /** Longest delay between attempts, in milliseconds. @default 20000 */
  readonly maxMs: number;
}

/** Defaults used by the Gateway. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseMs: 250, maxMs: 20_000 };

/** Milliseconds to wait before retry number `attempt` (1 = the first retry); `random` in [0, 1). */
export function retryDelay(policy: RetryPolicy, attempt: number, random: number, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  const jittered = ceiling / 2 + (random * ceiling) / 2;
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, policy.maxMs * 3));
}

/** Resolve after `ms`, or reject when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** True for errors worth trying again (ModelError/ConnectionError marked transient). */
export function isTransient(error: unknown): boolean {
  return typeof error === "object" && error !== null && "transient" in error && error.transient === true;
}

/**
 * Run `attempt` until it succeeds, fails with a non-transient error, or uses up the policy's
 * attempts; `onRetry` sees each transient error before the wait (e.g. to lower concurrency).
 */
export async function retrying<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  random: () => number,
  signal?: AbortSignal,
  onRetry?: (error: unknown) => void,
  retryable: (error: unknown) => boolean = isTransient,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!retryable(error) || n >= policy.attempts || signal?.aborted) throw error;
      onRetry?.(error);
      const retryAfter =
        typeof error === "object" && error !== null && "retryAfterMs" in error && typeof error.retryAfterMs === "number" ? error.retryAfterMs : undefined;
      await sleep(retryDelay(policy, n, random(), retryAfter), signal);
    }
  }
}
