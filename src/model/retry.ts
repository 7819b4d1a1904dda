/**
 * The one delay function for retries: exponential backoff with full jitter, never shorter than
 * what the server asked for in `retry-after`.
 */

/** Retry settings. */
export interface RetryPolicy {
  /** Attempts in all, the first included. @default 6 */
  readonly attempts: number;
  /** Delay before the first retry, in milliseconds. @default 250 */
  readonly baseMs: number;
  /** Longest delay between attempts, in milliseconds. @default 20000 */
  readonly maxMs: number;
}

/** Defaults used by the Gateway. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseMs: 250, maxMs: 20_000 };

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
