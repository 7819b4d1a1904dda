/**
 * Test helpers for selectors: a synthetic score matrix and an `evaluate` that records every
 * request, so tests can check what a strategy asked for.
 */
import { createRng, deriveSeed } from "../../src/random.js";
import type { EvalRequest, Evaluate } from "../../src/select/selector.js";

/** An `evaluate` over a fixed matrix plus the log of what it was asked. */
export interface Recorder {
  readonly evaluate: Evaluate;
  /** Every request, in order, grouped by call. */
  readonly calls: (readonly EvalRequest[])[];
  /** Examples each candidate was asked for, in order. */
  seen(candidate: number): number[];
  /** Evaluations asked for in all. */
  total(): number;
}

/** Record requests against `scores[candidate][example]`. */
export function recorder(scores: readonly (readonly number[])[]): Recorder {
  const calls: (readonly EvalRequest[])[] = [];
  return {
    calls,
    async evaluate(requests) {
      calls.push(requests);
      return requests.map((r) => r.examples.map((e) => scores[r.candidate]?.[e] ?? Number.NaN));
    },
    seen(candidate) {
      return calls.flatMap((requests) => requests.filter((r) => r.candidate === candidate).flatMap((r) => r.examples));
    },
    total() {
      return calls.reduce((sum, requests) => sum + requests.reduce((s, r) => s + r.examples.length, 0), 0);
    },
  };
}

/** A pool of 0/1 outcomes: candidate c succeeds on each example with probability `rates[c]`. */
export function bernoulliPool(rates: readonly number[], evalSize: number, seed: number): number[][] {
  const rng = createRng(deriveSeed(seed, 99));
  return rates.map((p) => Array.from({ length: evalSize }, () => (rng.next() < p ? 1 : 0)));
}

/** Rates for `n` candidates spread over [0.2, 0.7], seeded. */
export function spreadRates(n: number, seed: number): number[] {
  const rng = createRng(deriveSeed(seed, 98));
  return Array.from({ length: n }, () => 0.2 + 0.5 * rng.next());
}
