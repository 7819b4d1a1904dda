/**
 * The bookkeeping every strategy shares: which examples each candidate has seen, the budget,
 * per-stage history and drops, on top of the running statistics of the scores (`RunningScores`).
 * Strategies decide *who* gets *how many* examples; this decides *which* examples and refuses to
 * go over budget.
 *
 * Examples come from one seeded permutation of the eval split shared by all candidates, read from
 * each candidate's own cursor. So a candidate's batches never overlap what it has seen, and
 * candidates with equal counts have seen the same examples (paired comparisons, cache reuse). A
 * candidate that has seen the whole split is *complete*: its mean is exact and it is never scored
 * again.
 */
import { ApeError, EXIT, UsageError } from "../errors.js";
import { createRng, deriveSeed, permutation } from "../random.js";
import { rankOutcomes, tiedWithFirst } from "./ranking.js";
import { RunningScores } from "./running-scores.js";
import {
  MIN_EVIDENCE,
  type CandidateOutcome,
  type Evaluate,
  type EvalRequest,
  type SelectOptions,
  type SelectionResult,
  type StageRecord,
} from "./selector.js";

/** Ask for up to `size` fresh examples for one candidate. */
export interface BatchAsk {
  readonly candidate: number;
  readonly size: number;
}

/** A batch handed to `evaluate` whose scores are not added yet (see `PoolState.send`). */
export interface SentBatch {
  /** Evaluations asked for. */
  readonly planned: number;
  readonly requests: readonly EvalRequest[];
  readonly answers: Promise<readonly (readonly number[])[]>;
}

/** Seed streams, one per purpose, so adding a use of randomness never shifts another. */
const STREAM = { order: 1, ties: 2 } as const;

/** Mutable per-run state of a selection; one instance per `select()` call. */
export class PoolState extends RunningScores {
  /** Number of candidates. */
  readonly size: number;
  /** Number of eval examples. */
  readonly evalSize: number;
  /** Most evaluations allowed. */
  readonly budget: number;
  /**
   * The evidence a winner needs: examples the declared winner is scored on at least, the smaller
   * of `SelectOptions.minEvidence` and the split (see `evidence.ts`).
   */
  readonly need: number;
  /** The order in which every candidate meets the eval examples. */
  readonly order: readonly number[];
  #spent = 0;
  readonly #evaluate: Evaluate;
  /** Examples sent to `evaluate` per candidate, scored or not: where its next batch starts. */
  readonly #sent: number[];
  /** Batches sent and not collected yet, oldest first. */
  readonly #out: SentBatch[] = [];
  readonly #history: StageRecord[][];
  readonly #droppedAt: (number | undefined)[];
  readonly #seed: number;
  /** Evaluations kept back for confirming the winner (see `hold`). */
  #held = 0;

  constructor(poolSize: number, evaluate: Evaluate, options: SelectOptions) {
    checkCount("pool size", poolSize);
    checkCount("options.evalSize", options.evalSize);
    checkCount("options.budget", options.budget);
    if (!Number.isFinite(options.seed)) throw new UsageError(`selection seed must be a finite number, got ${options.seed}`);
    super(poolSize);
    this.size = poolSize;
    this.evalSize = options.evalSize;
    this.budget = options.budget;
    const minEvidence = options.minEvidence ?? MIN_EVIDENCE;
    checkCount("options.minEvidence", minEvidence);
    this.need = Math.min(minEvidence, options.evalSize);
    this.#seed = options.seed;
    this.#evaluate = evaluate;
    this.order = permutation(options.evalSize, createRng(deriveSeed(options.seed, STREAM.order)));
    this.#sent = new Array<number>(poolSize).fill(0);
    this.#history = Array.from({ length: poolSize }, () => []);
    this.#droppedAt = new Array<number | undefined>(poolSize).fill(undefined);
  }

  /** Evaluations asked for so far. */
  get spent(): number {
    return this.#spent;
  }

  /** Evaluations still allowed, less those held back (`hold`). */
  get left(): number {
    return Math.max(0, this.budget - this.#spent - this.#held);
  }

  /**
   * Keep `evaluations` of the budget back (a strategy that spends whatever it is given keeps
   * enough to confirm its winner); `hold(0)` releases them.
   */
  hold(evaluations: number): void {
    this.#held = Math.max(0, evaluations);
  }

  /** Examples `c` has not been sent yet (neither scored nor in a batch still out). */
  unseen(c: number): number {
    return this.evalSize - (this.#sent[c] ?? 0);
  }

  /** Whether `c` has not been dropped. */
  alive(c: number): boolean {
    return this.#droppedAt[c] === undefined;
  }

  /** Candidates not dropped, in index order. */
  survivors(): number[] {
    return Array.from({ length: this.size }, (_, i) => i).filter((i) => this.alive(i));
  }

  /**
   * Score each asked candidate on its next fresh examples, in the order asked, cutting batches
   * short where the split or the budget runs out. One call to `evaluate` (none if nothing is left).
   * @returns evaluations asked for.
   */
  score(asks: readonly BatchAsk[]): Promise<number> {
    return this.collect(this.send(asks));
  }

  /**
   * Start scoring like `score`, without waiting: the examples are taken past those of batches still
   * out, and the budget is charged now. Add the scores with `collect`, in the order sent, so each
   * candidate's scores stay in reading order.
   */
  send(asks: readonly BatchAsk[]): SentBatch {
    const requests: EvalRequest[] = [];
    let planned = 0;
    for (const ask of asks) {
      const start = this.#sent[ask.candidate] ?? 0;
      const n = Math.max(0, Math.min(Math.floor(ask.size), this.evalSize - start, this.left - planned));
      if (n === 0) continue;
      requests.push({ candidate: ask.candidate, examples: this.order.slice(start, start + n) });
      this.#sent[ask.candidate] = start + n;
      planned += n;
    }
    this.#spent += planned;
    const answers = requests.length === 0 ? Promise.resolve([]) : this.#evaluate(requests);
    // A batch that fails while an older one is awaited is reported by its own `collect`.
    answers.catch(() => undefined);
    const batch = { planned, requests, answers };
    if (requests.length > 0) this.#out.push(batch);
    return batch;
  }

  /** Wait for the oldest batch still out (`batch`) and add its scores. @returns evaluations it asked for. */
  async collect(batch: SentBatch): Promise<number> {
    if (batch.requests.length === 0) return 0;
    if (this.#out[0] !== batch) throw new ApeError("selection collected a batch out of the order it was sent", EXIT.internal);
    this.#out.shift();
    const { requests } = batch;
    const answers = await batch.answers;
    if (answers.length !== requests.length) {
      throw new ApeError(`evaluate returned ${answers.length} score lists for ${requests.length} requests`, EXIT.internal);
    }
    requests.forEach((request, i) => {
      const scores = answers[i] ?? [];
      if (scores.length !== request.examples.length) {
        throw new ApeError(`evaluate returned ${scores.length} scores for candidate ${request.candidate}, asked for ${request.examples.length}`, EXIT.internal);
      }
      for (const s of scores) this.add(request.candidate, s);
    });
    return batch.planned;
  }

  /**
   * Asks giving each of `candidates` up to `size` fresh examples; when the budget cannot cover
   * them all, it is shared evenly instead (the remainder one each, in the order given), so a tight
   * budget does not starve the last candidates of a stage.
   */
  share(candidates: readonly number[], size: number): BatchAsk[] {
    const want = candidates.map((c) => Math.max(0, Math.min(Math.floor(size), this.unseen(c))));
    let left = this.left;
    if (want.reduce((a, b) => a + b, 0) <= left) return candidates.map((candidate, i) => ({ candidate, size: want[i] ?? 0 }));
    // Water-filling: raise everyone's share one example at a time until the budget is spent.
    const got = want.map(() => 0);
    let progressed = true;
    while (left > 0 && progressed) {
      progressed = false;
      for (let i = 0; i < got.length && left > 0; i++) {
        if ((got[i] ?? 0) < (want[i] ?? 0)) {
          got[i] = (got[i] ?? 0) + 1;
          left--;
          progressed = true;
        }
      }
    }
    return candidates.map((candidate, i) => ({ candidate, size: got[i] ?? 0 }));
  }

  /** Append a history record for each scored candidate in `candidates` at `stage`. */
  record(stage: number, candidates: readonly number[]): void {
    for (const c of candidates) {
      if (this.count(c) > 0) this.#history[c]?.push({ stage, mean: this.mean(c), count: this.count(c) });
    }
  }

  /** Mark `candidates` dropped at `stage`. */
  drop(stage: number, candidates: readonly number[]): void {
    for (const c of candidates) if (this.alive(c)) this.#droppedAt[c] = stage;
  }

  /**
   * The outcome: every candidate ranked (see `rankOutcomes`), the winner being one with `need`
   * examples where any has them, and the candidates tied with it. Candidates never scored count
   * as dropped at stage 0 and come last.
   */
  result(): SelectionResult {
    const ranking = rankOutcomes(this.#outcomes(), this.#ties(), this.need);
    return { ranking, evaluations: this.#spent, tiedWithWinner: tiedWithFirst(ranking).map((o) => o.index) };
  }

  /** The first of the ranking by means alone, before the evidence rule (undefined when nothing is scored). */
  leader(): number | undefined {
    const first = rankOutcomes(this.#outcomes(), this.#ties())[0];
    return first && first.count > 0 ? first.index : undefined;
  }

  #outcomes(): CandidateOutcome[] {
    return Array.from({ length: this.size }, (_, index) => ({
      index,
      mean: this.mean(index),
      count: this.count(index),
      droppedAt: this.count(index) === 0 ? (this.#droppedAt[index] ?? 0) : this.#droppedAt[index],
      history: this.#history[index]?.slice() ?? [],
    }));
  }

  #ties(): number[] {
    return permutation(this.size, createRng(deriveSeed(this.#seed, STREAM.ties)));
  }
}

function checkCount(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new UsageError(`${what} must be a whole number ≥ 0, got ${value}`);
  }
}

/**
 * `candidates` best first by running mean, never-scored ones last; the sort is stable, so ties
 * keep the (seeded) order they came in.
 */
export function byMean(state: PoolState, candidates: readonly number[]): number[] {
  const scored = candidates.filter((c) => state.count(c) > 0);
  const unscored = candidates.filter((c) => state.count(c) === 0);
  return [...scored.sort((a, b) => state.mean(b) - state.mean(a)), ...unscored];
}
