/**
 * Exact log-probabilities of continuation tokens on one context sequence, reusing the sequence's KV
 * cache for the longest common token prefix with what it evaluated before. Pure logic over a narrow
 * sequence interface, so it is testable without native code.
 */
import type { CachedTokens } from "./sequence-pool.js";
import { commonPrefixLength } from "./sequence-pool.js";

/** A KV cache that can be cut back. */
export interface TruncatableCache extends CachedTokens {
  /** Drop cached tokens from `index` on. */
  truncate(index: number): Promise<void>;
}

/** The slice of a llama context sequence the scorer uses. */
export interface ScoringSequence extends TruncatableCache {
  /**
   * Append `tokens` to the cache. For each `[i, t]` in `targets`, return the natural log of the
   * probability that token `t` follows `tokens[i]` (and everything cached before it).
   */
  evaluate(tokens: readonly number[], targets: ReadonlyMap<number, number>): Promise<Map<number, number>>;
}

/** Tokens to score: `tokens[start…]` given everything before; `start` ≥ 1 (a token needs a predecessor). */
export interface ScoreJob {
  readonly tokens: readonly number[];
  readonly start: number;
}

/** Counters for benchmarks and tests. */
export interface EvalStats {
  /** Tokens run through the model (prompt and generated). */
  tokensEvaluated: number;
  /** Tokens whose KV cache was reused instead of evaluated again. */
  tokensReused: number;
}

/**
 * How many cached tokens to keep for `tokens`: the common prefix, but never past `lastNeeded`, the
 * first position whose output (next-token distribution) is needed, because outputs are not cached.
 */
export function tokensToKeep(cached: readonly number[], tokens: readonly number[], lastNeeded: number, reuse: boolean): number {
  if (!reuse) return 0;
  return Math.min(commonPrefixLength(cached, tokens), lastNeeded);
}

/** Bring the sequence's cache to `tokens[0…keep)` and account for the kept and the evaluated tokens. */
export async function alignCache(sequence: TruncatableCache, keep: number, total: number, stats: EvalStats): Promise<void> {
  if (sequence.contextTokens.length > keep) await sequence.truncate(keep);
  stats.tokensReused += keep;
  stats.tokensEvaluated += total - keep;
}

/** Score one job: log P(tokens[i] | tokens[0…i)) for every i from `start` on. */
export async function scoreJob(sequence: ScoringSequence, job: ScoreJob, reuse: boolean, stats: EvalStats): Promise<number[]> {
  const { tokens, start } = job;
  if (start < 1 || start > tokens.length) throw new RangeError(`scoreJob: start ${start} outside 1…${tokens.length}`);
  if (start === tokens.length) return [];
  const keep = tokensToKeep(sequence.contextTokens, tokens, start - 1, reuse);
  await alignCache(sequence, keep, tokens.length, stats);
  const targets = new Map<number, number>();
  for (let i = start; i < tokens.length; i++) targets.set(i - 1 - keep, tokens[i] ?? -1);
  const found = await sequence.evaluate(tokens.slice(keep), targets);
  const out: number[] = [];
  for (let i = start; i < tokens.length; i++) {
    const logprob = found.get(i - 1 - keep);
    if (logprob === undefined) throw new Error(`scoreJob: no output for position ${i - 1}`);
    out.push(logprob);
  }
  return out;
}

/**
 * Natural log of softmax at one token, from its logit, the largest logit and
 * Σ exp(logit − max) over the vocabulary (what llama.cpp reports as the total logit weight).
 */
export function logSoftmaxAt(logit: number, maxLogit: number, totalLogitWeight: number): number {
  return logit - maxLogit - Math.log(totalLogitWeight);
}
