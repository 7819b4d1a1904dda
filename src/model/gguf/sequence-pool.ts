/**
 * A pool of context sequences. Waiters are served first come, first served; among free sequences a
 * waiter gets the one whose KV cache shares the longest token prefix with what it will evaluate,
 * so consecutive requests with a common prefix land where that prefix is already evaluated.
 */

/** What the pool needs to know of a sequence: the tokens its KV cache holds. */
export interface CachedTokens {
  readonly contextTokens: readonly number[];
}

/** Length of the common prefix of two token lists. */
export function commonPrefixLength(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/** Hands out sequences one user at a time. */
export class SequencePool<S extends CachedTokens> {
  private readonly free: S[];
  private readonly waiters: { readonly tokens: readonly number[]; readonly give: (s: S) => void }[] = [];
  private busy = 0;

  constructor(sequences: readonly S[]) {
    this.free = [...sequences];
  }

  /** Number of sequences, free or busy, handed to the constructor. */
  get size(): number {
    return this.free.length + this.busy;
  }

  /** Wait for a sequence, preferring the free one whose cache best matches `tokens`. */
  acquire(tokens: readonly number[]): Promise<S> {
    if (this.free.length === 0 || this.waiters.length > 0) {
      return new Promise((give) => this.waiters.push({ tokens, give }));
    }
    return Promise.resolve(this.take(tokens));
  }

  /** Give a sequence back; the oldest waiter gets a sequence next. */
  release(sequence: S): void {
    this.busy--;
    this.free.push(sequence);
    const next = this.waiters.shift();
    if (next !== undefined) next.give(this.take(next.tokens));
  }

  /** Run `job` on a sequence and always give it back. */
  async use<T>(tokens: readonly number[], job: (sequence: S) => Promise<T>): Promise<T> {
    const sequence = await this.acquire(tokens);
    try {
      return await job(sequence);
    } finally {
      this.release(sequence);
    }
  }

  private take(tokens: readonly number[]): S {
    let best = 0;
    let bestLength = -1;
    this.free.forEach((s, i) => {
      const length = commonPrefixLength(s.contextTokens, tokens);
      if (length > bestLength) {
        best = i;
        bestLength = length;
      }
    });
    const [sequence] = this.free.splice(best, 1);
    if (sequence === undefined) throw new Error("SequencePool: no free sequence");
    this.busy++;
    return sequence;
  }
}
