/**
 * Selection benchmark: how often each strategy picks a candidate within 0.02 of the truly best,
 * and at what share of exhaustive's evaluations.
 *
 * Setup, per trial (seeded, 200 trials):
 * - a pool of 50 candidates with latent accuracies drawn from a realistic spread: 4 strong ones
 *   uniform in [0.74, 0.82] (several close to the best), 6 good ones in [0.60, 0.72], and 40 in
 *   [0.20, 0.60]; their positions in the pool are shuffled;
 * - an eval split of 100 examples; each candidate's outcome on each example is one fixed
 *   Bernoulli draw of its latent accuracy for this trial;
 * - "truly best" is the highest mean over the whole split in this trial, i.e. what `exhaustive`
 *   finds with all 5000 evaluations. A pick is a hit when its whole-split mean is within 0.02 of
 *   that (two examples out of 100). Judging against the realised split, not the latent accuracy,
 *   is fair: no strategy can know more than the split says.
 *
 * `multistage` runs on its own default schedule (budget = exhaustive, it stops by itself); the
 * others get the largest number of evaluations multistage used in any trial as their budget.
 * A last row shows `bounds` with no cap, to show what its stopping rule costs when it may finish.
 *
 * Then the same per pool kind users meet (`POOL_KINDS`): everyone near 1.0, everyone near 0 (a
 * first batch where everyone scores the same), 5 distinct behaviours among 45 duplicates, eval
 * splits of 20 and 50, exact ties at the top, one clearly best. Each row gives the share of trials
 * within 0.02 of the best, the share of exhaustive's evaluations, and the fewest examples a
 * declared winner had ("least n"); the goal is ≥ 95% within 0.02 and never a winner on fewer
 * than the evidence floor (20, or the whole split when smaller).
 */
import { pathToFileURL } from "node:url";
import { inVirtualTime } from "./virtual-server.js";
import { createRng, createSelector, deriveSeed, type Evaluate, type Rng, type Selector, type SelectorName, type Slots } from "../../src/select/index.js";

const POOL = 50;
const EVAL = 100;
const TRIALS = 200;
const EXHAUSTIVE = POOL * EVAL;
const TOLERANCE = 0.02;
/** The goal for the default `multistage`. */
const GOAL = { hits: 0.95, share: 0.15 } as const;
/** The least evidence a declared winner should have (`minEvidence`'s default), or the whole split when smaller. */
const FLOOR = 20;

/** One simulated pool: outcomes[c][e] ∈ {0, 1}, and each candidate's whole-split mean. */
export interface Trial {
  readonly outcomes: readonly (readonly number[])[];
  readonly accuracy: readonly number[];
  readonly best: number;
}

/** A kind of pool users meet: its shape and how its candidates' outcomes are drawn. */
export interface PoolKind {
  readonly name: string;
  readonly pool: number;
  readonly evalSize: number;
  /** Each candidate's outcome row on the split, from the trial's random numbers. */
  readonly draw: (rng: Rng, pool: number, evalSize: number) => number[][];
}

const uniform = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng.next();
/** One fixed Bernoulli draw per example of each latent accuracy. */
const bernoulli = (rng: Rng, latent: readonly number[], evalSize: number): number[][] =>
  latent.map((p) => Array.from({ length: evalSize }, () => (rng.next() < p ? 1 : 0)));
/** The realistic spread of the original benchmark: 4 strong, 6 good, the rest weak, shuffled. */
const spread = (rng: Rng, pool: number): number[] =>
  rng.shuffle([
    ...Array.from({ length: 4 }, () => uniform(rng, 0.74, 0.82)),
    ...Array.from({ length: 6 }, () => uniform(rng, 0.6, 0.72)),
    ...Array.from({ length: pool - 10 }, () => uniform(rng, 0.2, 0.6)),
  ]);

/** A pool kind whose candidates have latent accuracies `latent(rng, pool)`, each example one Bernoulli draw. */
const latentKind = (name: string, evalSize: number, latent: (rng: Rng, pool: number) => number[]): PoolKind => ({
  name,
  pool: POOL,
  evalSize,
  draw: (rng, pool, n) => bernoulli(rng, latent(rng, pool), n),
});
/** Every candidate's latent accuracy uniform in [lo, hi]. */
const all = (lo: number, hi: number) => (rng: Rng, pool: number) => Array.from({ length: pool }, () => uniform(rng, lo, hi));

/** The pool of the original benchmark (as described at the top of this file). */
export const SPREAD: PoolKind = latentKind("spread (the original)", EVAL, spread);

/**
 * The pools users meet besides the spread: an easy task where everyone is near 1.0, a hard one
 * where everyone is near 0 (both: a first batch where everyone scores the same), a few distinct
 * instructions among many that behave identically, small eval splits, exact ties at the top, and
 * one clearly best candidate.
 */
export const POOL_KINDS: readonly PoolKind[] = [
  SPREAD,
  latentKind("everyone near 1.0", EVAL, all(0.9, 1)),
  latentKind("everyone near 0", EVAL, all(0, 0.1)),
  {
    name: "5 distinct, 45 duplicates",
    pool: POOL,
    evalSize: EVAL,
    draw: (rng, pool, n) => {
      const distinct = bernoulli(rng, spread(rng, 50).slice(0, 5), n);
      return rng.shuffle(Array.from({ length: pool }, (_, i) => (distinct[i % distinct.length] ?? []).slice()));
    },
  },
  latentKind("eval split of 20", 20, spread),
  latentKind("eval split of 50", 50, spread),
  {
    name: "exact ties at the top",
    pool: POOL,
    evalSize: EVAL,
    draw: (rng, pool, n) => {
      const rows = bernoulli(rng, spread(rng, pool), n);
      const top = rows.reduce((best, row) => (sum(row) > sum(best) ? row : best));
      // Four candidates behave exactly like the best one.
      const copies = rng.shuffle(Array.from({ length: pool }, (_, i) => i)).slice(0, 4);
      return rows.map((row, i) => (copies.includes(i) ? top.slice() : row));
    },
  },
  latentKind("one clearly best", EVAL, (rng, pool) => rng.shuffle([uniform(rng, 0.85, 0.95), ...all(0.2, 0.6)(rng, pool - 1)])),
];

const sum = (row: readonly number[]): number => row.reduce((a, b) => a + b, 0);

/** The pool of trial `seed` of `kind` (the original spread by default). */
export function makeTrial(seed: number, kind: PoolKind = SPREAD): Trial {
  const rng = createRng(deriveSeed(seed, 1000));
  const outcomes = kind.draw(rng, kind.pool, kind.evalSize);
  const accuracy = outcomes.map((row) => sum(row) / kind.evalSize);
  return { outcomes, accuracy, best: Math.max(...accuracy) };
}

/** Figures of one strategy over all trials. */
export interface Figures {
  readonly name: string;
  readonly budget: number;
  /** Mean evaluations as a share of exhaustive's. */
  readonly share: number;
  /** Most evaluations in one trial. */
  readonly maxEvaluations: number;
  /** Share of trials whose pick is within TOLERANCE of the truly best. */
  readonly hits: number;
  /** Share of trials whose pick is exactly as good as the truly best. */
  readonly exact: number;
  /** Fewest examples a declared winner was scored on, over the trials. */
  readonly leastEvidence: number;
  /** Mean latencies one selection took against a server with these slots (one request at a time without; see virtual-server.ts). */
  readonly latencies: number;
}

/**
 * Run `selector` over all trials of `kind` with `budget`, against a server with `slots` (one request
 * at a time without), racing `raceWidth` challengers per step (the strategy's least without).
 */
export async function measure(
  label: string,
  selector: Selector,
  budget: number,
  slots?: Slots,
  trials = TRIALS,
  kind: PoolKind = SPREAD,
  raceWidth?: number,
): Promise<Figures> {
  let evaluations = 0;
  let maxEvaluations = 0;
  let hits = 0;
  let exact = 0;
  let leastEvidence = Infinity;
  let latencies = 0;
  for (let t = 0; t < trials; t++) {
    const trial = makeTrial(t, kind);
    const answer: Evaluate = async (requests) => requests.map((r) => r.examples.map((e) => trial.outcomes[r.candidate]?.[e] ?? 0));
    const run = await inVirtualTime(slots ?? { requests: 1, promptsPerRequest: 1 }, answer, (evaluate) =>
      selector.select(kind.pool, evaluate, { evalSize: kind.evalSize, budget, seed: deriveSeed(t, 2000), raceWidth }),
    );
    const result = run.result;
    latencies += run.latencies;
    const pick = result.ranking[0]?.index ?? 0;
    const got = trial.accuracy[pick] ?? 0;
    if (got >= trial.best - TOLERANCE - 1e-9) hits++;
    if (got >= trial.best - 1e-9) exact++;
    leastEvidence = Math.min(leastEvidence, result.ranking[0]?.count ?? 0);
    evaluations += result.evaluations;
    maxEvaluations = Math.max(maxEvaluations, result.evaluations);
  }
  return {
    name: label,
    budget,
    share: evaluations / trials / (kind.pool * kind.evalSize),
    maxEvaluations,
    hits: hits / trials,
    exact: exact / trials,
    leastEvidence,
    latencies: latencies / trials,
  };
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`.padStart(7);
}

/** Run the benchmark and print its table. */
export async function run(): Promise<void> {
  const rows: Figures[] = [];
  rows.push(await measure("exhaustive", createSelector("exhaustive"), EXHAUSTIVE));
  const multistage = await measure("multistage (default)", createSelector("multistage"), EXHAUSTIVE);
  rows.push(multistage);
  const budget = multistage.maxEvaluations;
  const others: SelectorName[] = ["ucb", "bounds", "halving", "exhaustive"];
  for (const name of others) rows.push(await measure(`${name} @ multistage budget`, createSelector(name), budget));
  // For reference: confidence-bound elimination when nothing caps it, stopping on its own.
  rows.push(await measure("bounds, uncapped", createSelector("bounds"), EXHAUSTIVE));
  console.log(`selection benchmark: ${POOL} candidates, ${EVAL} eval examples, ${TRIALS} trials; hit = within ${TOLERANCE} of the truly best`);
  console.log(`${"strategy".padEnd(30)} ${"budget".padStart(6)} ${"evals".padStart(7)} ${"most".padStart(7)} ${"within".padStart(7)} ${"exact".padStart(7)}`);
  for (const r of rows) {
    console.log(`${r.name.padEnd(30)} ${String(r.budget).padStart(6)} ${pct(r.share)} ${pct(r.maxEvaluations / EXHAUSTIVE)} ${pct(r.hits)} ${pct(r.exact)}`);
  }
  console.log("evals: mean share of exhaustive's evaluations; most: the largest share in one trial");
  const met = multistage.hits >= GOAL.hits && multistage.share <= GOAL.share;
  console.log(
    `goal (multistage: within ${TOLERANCE} in ≥ ${pct(GOAL.hits).trim()} of trials using ≤ ${pct(GOAL.share).trim()} of exhaustive): ` +
      `${met ? "MET" : "NOT MET"} (${pct(multistage.hits).trim()} within, ${pct(multistage.share).trim()} of exhaustive)`,
  );
  await byKind();
}

/**
 * Every pool kind, each strategy at multistage's budget for that kind: the share of trials within
 * 0.02 of the best, the mean share of exhaustive's evaluations, and the fewest examples a declared
 * winner had (goal: ≥ 95% within 0.02 in every kind, never a winner on fewer than the floor).
 */
async function byKind(): Promise<void> {
  console.log(`\nby pool kind (${POOL} candidates, ${TRIALS} trials each; floor = ${FLOOR} examples or the whole split when smaller):`);
  console.log(
    `${"pool kind".padEnd(28)} ${"strategy".padEnd(11)} ${"budget".padStart(6)} ${"within".padStart(7)} ${"evals".padStart(7)} ${"least n".padStart(7)}  goal`,
  );
  for (const kind of POOL_KINDS) {
    const exhaustive = kind.pool * kind.evalSize;
    const floor = Math.min(FLOOR, kind.evalSize);
    const multistage = await measure("multistage", createSelector("multistage"), exhaustive, undefined, TRIALS, kind);
    const rows = [multistage];
    for (const name of ["ucb", "bounds", "halving"] as const)
      rows.push(await measure(name, createSelector(name), multistage.maxEvaluations, undefined, TRIALS, kind));
    for (const r of rows) {
      const met = r.hits >= GOAL.hits && r.leastEvidence >= floor;
      console.log(
        `${kind.name.padEnd(28)} ${r.name.padEnd(11)} ${String(r.budget).padStart(6)} ${pct(r.hits)} ${pct(r.share)} ${String(r.leastEvidence).padStart(7)}  ${met ? "MET" : "NOT MET"}`,
      );
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
