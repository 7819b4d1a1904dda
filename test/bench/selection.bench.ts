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
 */
import { pathToFileURL } from "node:url";
import { inVirtualTime } from "./virtual-server.js";
import { createRng, createSelector, deriveSeed, type Evaluate, type Selector, type SelectorName, type Slots } from "../../src/select/index.js";

const POOL = 50;
const EVAL = 100;
const TRIALS = 200;
const EXHAUSTIVE = POOL * EVAL;
const TOLERANCE = 0.02;
/** The goal for the default `multistage`. */
const GOAL = { hits: 0.95, share: 0.15 } as const;

/** One simulated pool: outcomes[c][e] ∈ {0, 1}, and each candidate's whole-split mean. */
export interface Trial {
  readonly outcomes: readonly (readonly number[])[];
  readonly accuracy: readonly number[];
  readonly best: number;
}

/** The pool of trial `seed`, as described at the top of this file. */
export function makeTrial(seed: number): Trial {
  const rng = createRng(deriveSeed(seed, 1000));
  const uniform = (lo: number, hi: number): number => lo + (hi - lo) * rng.next();
  const latent = rng.shuffle([
    ...Array.from({ length: 4 }, () => uniform(0.74, 0.82)),
    ...Array.from({ length: 6 }, () => uniform(0.6, 0.72)),
    ...Array.from({ length: POOL - 10 }, () => uniform(0.2, 0.6)),
  ]);
  const outcomes = latent.map((p) => Array.from({ length: EVAL }, () => (rng.next() < p ? 1 : 0)));
  const accuracy = outcomes.map((row) => row.reduce((a: number, b) => a + b, 0) / EVAL);
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
  /** Mean latencies one selection took against a server with these slots (one request at a time without; see virtual-server.ts). */
  readonly latencies: number;
}

/** Run `selector` over all trials with `budget` (and `slots`, when the run would have them). */
export async function measure(label: string, selector: Selector, budget: number, slots?: Slots, trials = TRIALS): Promise<Figures> {
  let evaluations = 0;
  let maxEvaluations = 0;
  let hits = 0;
  let exact = 0;
  let latencies = 0;
  for (let t = 0; t < trials; t++) {
    const trial = makeTrial(t);
    const answer: Evaluate = async (requests) => requests.map((r) => r.examples.map((e) => trial.outcomes[r.candidate]?.[e] ?? 0));
    const run = await inVirtualTime(slots ?? { requests: 1, promptsPerRequest: 1 }, answer, (evaluate) =>
      selector.select(POOL, evaluate, { evalSize: EVAL, budget, seed: deriveSeed(t, 2000), slots }),
    );
    const result = run.result;
    latencies += run.latencies;
    const pick = result.ranking[0]?.index ?? 0;
    const got = trial.accuracy[pick] ?? 0;
    if (got >= trial.best - TOLERANCE - 1e-9) hits++;
    if (got >= trial.best - 1e-9) exact++;
    evaluations += result.evaluations;
    maxEvaluations = Math.max(maxEvaluations, result.evaluations);
  }
  return {
    name: label,
    budget,
    share: evaluations / trials / EXHAUSTIVE,
    maxEvaluations,
    hits: hits / trials,
    exact: exact / trials,
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
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
