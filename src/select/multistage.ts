/**
 * Adaptive multi-stage filtering, in the spirit of the APE paper: every candidate is scored on a
 * small batch; later stages give fresh, non-overlapping batches to the survivors and update their
 * running means; candidates that fall clearly behind are dropped; the finalists end up scored on
 * much more (often the whole split). Where the paper keeps a fixed fraction each stage, this
 * spends each later stage where the ranking is still uncertain (a race, after LUCB, Kalyanakrishnan
 * et al. 2012): the current leader and its most plausible challengers (`width`, default 2, up to
 * the run's race width, `SelectOptions.raceWidth`, of those plausible at `extraZ`), the candidates that could beat it
 * by the most, each get a batch; the race ends when no challenger can plausibly beat the leader or
 * its share of the budget is spent. That share (`raceSplits`) is a ceiling for the pools where
 * the candidates are hard to tell apart, not what a race usually spends.
 */
import { at } from "../at.js";
import { UsageError } from "../errors.js";
import { compare, type Difference } from "./compare.js";
import { PoolState, type SentBatch } from "./pool-state.js";
import { createRng, deriveSeed } from "../random.js";
import { varianceModel } from "./variance.js";
import { type Evaluate, RACE_WIDTH, type SelectOptions, type SelectionResult, type Selector, type Slots } from "./selector.js";

/**
 * Settings of `multistage`. The defaults were tuned on `test/bench/selection.bench.ts` (50
 * candidates, 100 examples, hit = within 0.02 of the best whole-split mean): 97.4% hits on seeds
 * 0–999 using 14.6% of exhaustive's evaluations on average (25% at most), and ≥ 96% in every
 * other pool kind there, 5 distinct among 45 duplicates the hardest (96.2%). That is with 0/1
 * scores compared by Agresti–Caffo and `z` 1.7 (see `compare.ts`); before, with Wald differences
 * and `z` 1.5: 96.4% at 14.8%, and 93.5% on the duplicates, whose best behaviour was left on
 * its first 5 examples or lost a close race its copies could not help with. With the race capped at 6
 * splits instead of 20 and without the half-example margin and the twin rule (`raceStep`): 95.2%
 * at 14.8%, and 74–93.5% in the pools where everyone is near 0 or 1, with duplicates, on small
 * splits or with exact ties; with the cap at 20 alone, 97.7% at 15.2%. Before the small-sample
 * variances of `variance.ts` and the evidence floor, some winners were declared on 5 examples.
 * The old fixed-fraction schedule reached 92% at 15%. The race is a few dozen
 * small `evaluate` calls (the leader and `width` challengers, a batch each); overlapping them by
 * one step halves the waits for the server. Without overlap (and with batches of 5) the race
 * measured 96.0% at 13.9%: deciding on scores one step old costs about 1% more evaluations.
 * A third challenger plausible at `extraZ` (the default race width, `RACE_WIDTH`, and `extraZ`) measured
 * 96.6% at 14.8% on seeds 0–999 (two: 96.4%), in fewer round trips at 64
 * requests in flight (`npm run bench -- time`).
 */
export interface MultistageOptions {
  /** Examples per candidate in the first stage. @default 5 */
  readonly firstBatch?: number;
  /** Fresh examples per candidate pulled in each later stage. @default 4 */
  readonly batch?: number;
  /**
   * What the later stages may spend at most, in whole-split evaluations: the race asks for at most
   * `raceSplits × evalSize` evaluations after the first stage. It usually stops far sooner (4.9
   * splits on average on the benchmark's original pool); the pools where everyone scores alike
   * (near 0 or 1) or candidates behave identically spend 9–12 on average, up to the cap, to find
   * a best one in 94–100% of trials (capped at 6 they reached 74–97%). @default 20
   */
  readonly raceSplits?: number;
  /**
   * Width of the confidence margin, in standard errors of the estimated difference between two
   * candidates' whole-split means. A challenger is raced while its mean plus this margin is above
   * the leader's; a candidate is dropped once it is behind by more than twice the margin. (1.5
   * with the narrower Wald intervals of 0/1 scores that `compare.ts` used before.) @default 1.7
   */
  readonly z?: number;
  /**
   * Challengers raced against the leader in each later stage, at least. More run at once (fewer,
   * larger `evaluate` calls, so server latency is better hidden) at the price of some evaluations.
   * @default 2
   */
  readonly width?: number;
  /**
   * How plausible a challenger beyond `width` must be to join a step: its estimated difference
   * from the leader plus `extraZ` standard errors above 0. Tighter than `z`, so the extra places go
   * to real contenders: with the race capped at 6 splits, three challengers measured 95.7% within
   * 0.02 on 1000 trials with 1 (two: 95.2%), and 94.5% with `z` itself (1.5). @default 1
   */
  readonly extraZ?: number;
  /**
   * Race steps sent before the scores of the one before are back: 1 keeps the next step on the wire
   * while the last is answered, so server latency is hidden; 0 runs the steps one after another.
   * Each step is decided on the scores of the steps before those still out, so results depend on
   * the seed, never on timing. @default 1
   */
  readonly overlap?: number;
}

/** The defaults of `MultistageOptions`. */
export const MULTISTAGE_DEFAULTS: Required<MultistageOptions> = Object.freeze({
  firstBatch: 5,
  batch: 4,
  raceSplits: 20,
  z: 1.7,
  width: 2,
  extraZ: 1,
  overlap: 1,
});

/**
 * The most of a budget below `multistageCost` the first stage takes: 0.3, about its share of the
 * 850 evaluations the race was capped at before (5 × 50 of them on the benchmark's pool).
 */
const FIRST_SHARE = 0.3;

/**
 * The most evaluations `multistage` asks for on a pool of `poolSize` and a split of `evalSize`
 * when the budget does not cut it shorter: the first stage plus the race's share. On the
 * benchmark's shape (50 × 100) with the defaults, 5 × 50 + 20 × 100 = 2250; it spends 15% of
 * exhaustive's 5000 on average there (740).
 */
export function multistageCost(poolSize: number, evalSize: number, settings: MultistageOptions = {}): number {
  const o = { ...MULTISTAGE_DEFAULTS, ...settings };
  return Math.min(poolSize * evalSize, Math.min(Math.floor(o.firstBatch), evalSize) * poolSize + Math.floor(o.raceSplits * evalSize));
}

/**
 * The race's usual spending after the first stage, in whole-split evaluations, for cost estimates:
 * 8.5, above the 4.8 it spends on average on the selection benchmark's original pool; with it the
 * default search of `npm run bench -- estimate` sends 15.5% fewer tokens than estimated, and the
 * seeded 20-candidate search of `test/estimate/estimate.test.ts` 548 calls of 565 (at 8, 548 of
 * 545: since the margin became 1.7 the race there spends a little more than 8 splits). Hard pools
 * (everyone alike, identical behaviours) spend more, up to `raceSplits`: there the estimate is low.
 */
const TYPICAL_RACE_SPLITS = 8.5;
// Against a leader already scored on the whole split (a refining round's best so far), only the
// challengers' side of the race is paid: half of it is counted. Refining rounds of seeded searches
// on the simulator spend 1.1 to 6.2 splits after their newcomers' first batches, 4.2 on average.

/**
 * The multi-stage selector. When the budget is below `multistageCost`, the first stage takes at
 * most `FIRST_SHARE` of it (its batch shrinks down to 1) so that the race keeps most of it. Ties
 * are broken by a seeded order.
 */
export function multistageSelector(settings: MultistageOptions = {}): Selector {
  const o = { ...MULTISTAGE_DEFAULTS, ...settings };
  if (!(o.firstBatch >= 1)) throw new UsageError(`multistage firstBatch must be ≥ 1, got ${o.firstBatch}`);
  if (!(o.batch >= 1)) throw new UsageError(`multistage batch must be ≥ 1, got ${o.batch}`);
  if (!(o.raceSplits >= 0)) throw new UsageError(`multistage raceSplits must be ≥ 0, got ${o.raceSplits}`);
  if (!(o.z > 0)) throw new UsageError(`multistage z must be > 0, got ${o.z}`);
  if (!(Number.isInteger(o.width) && o.width >= 1)) throw new UsageError(`multistage width must be an integer ≥ 1, got ${o.width}`);
  if (!(o.extraZ >= 0)) throw new UsageError(`multistage extraZ must be ≥ 0, got ${o.extraZ}`);
  if (!(Number.isInteger(o.overlap) && o.overlap >= 0)) throw new UsageError(`multistage overlap must be an integer ≥ 0, got ${o.overlap}`);
  return {
    name: "multistage",
    maxEvaluations: (poolSize: number, evalSize: number): number => multistageCost(poolSize, evalSize, o),
    typicalEvaluations: (poolSize: number, evalSize: number, newcomers = false): number =>
      multistageCost(poolSize, evalSize, { ...o, raceSplits: Math.min(o.raceSplits, TYPICAL_RACE_SPLITS) / (newcomers ? 2 : 1) }),
    async select(poolSize: number, evaluate: Evaluate, options: SelectOptions): Promise<SelectionResult> {
      const cost = multistageCost(poolSize, options.evalSize, o);
      const budget = Math.min(options.budget, cost);
      const state = new PoolState(poolSize, evaluate, { ...options, budget });
      const order = createRng(deriveSeed(options.seed, 20)).shuffle(state.survivors());
      const width = Math.max(o.width, options.raceWidth ?? o.width);
      const first = budget >= cost ? o.firstBatch : Math.max(1, Math.min(o.firstBatch, Math.floor((FIRST_SHARE * budget) / poolSize)));
      await state.score(state.share(order, first));
      state.record(0, order);
      // Race steps still out, oldest first. Each step is decided on the scores of those before the
      // last `overlap` ones, so the order of events never depends on timing, only on the seed.
      const out: { readonly batch: SentBatch; readonly stage: number; readonly pulled: readonly number[] }[] = [];
      let stage = 0;
      let certain = false;
      for (;;) {
        const pulled = state.left > 0 ? raceStep(state, order, o, width, stage) : [];
        if (pulled.length === 0 && !certain) {
          certain = true;
          const leader = leaderOf(
            state,
            order.filter((c) => state.alive(c) && state.count(c) > 0),
          );
          if (leader !== undefined) options.onCertain?.(leader);
        }
        const batch = pulled.length > 0 ? state.send(state.share(pulled, o.batch)) : undefined;
        if (batch && batch.planned > 0) out.push({ batch, stage: ++stage, pulled });
        else if (out.length === 0) break;
        if (out.length > o.overlap || !batch || batch.planned === 0) {
          const oldest = at(out, 0);
          out.shift();
          await state.collect(oldest.batch);
          state.record(oldest.stage, oldest.pulled);
        }
      }
      return state.result();
    },
  };
}

/**
 * The race width that keeps `slots` busy with `overlap + 1` steps out (each candidate's batch
 * taking ⌈batch / prompts per request⌉ requests), between `width` and `RACE_WIDTH`: what a run
 * raced with before the width was its own setting (derived from `--concurrency` and `--batch`), so
 * runs stored then continue as they began; the benchmarks use it to fill a server's slots.
 */
export function slotsWidth(settings: MultistageOptions, slots: Slots): number {
  const o = { ...MULTISTAGE_DEFAULTS, ...settings };
  const perCandidate = Math.ceil(o.batch / Math.max(1, slots.promptsPerRequest));
  const fit = Math.floor(slots.requests / ((o.overlap + 1) * perCandidate)) - 1;
  return Math.max(o.width, Math.min(fit, RACE_WIDTH));
}

/**
 * One decision of the race, on the scores collected so far: drop the candidates clearly behind the
 * leader (at `stage`, the last one collected or sent), and name who gets the next batch — the
 * leader and its `o.width` most plausible challengers, then up to `width` in all of those
 * plausible at the tighter `o.extraZ`, one of each set of twins (`sameScores`) — or the leader
 * alone while it has less than the evidence floor and either no challenger is plausible or the
 * budget left is what confirming it takes — or nobody when no challenger can plausibly beat the
 * leader (by a whole example, `wholeExample`) and it has the floor.
 */
function raceStep(state: PoolState, order: readonly number[], o: Required<MultistageOptions>, width: number, stage: number): number[] {
  const alive = order.filter((c) => state.alive(c) && state.count(c) > 0);
  const leader = leaderOf(state, alive);
  if (leader === undefined) return [];
  const variances = varianceModel(state, alive);
  const gaps = new Map<number, Difference>();
  for (const c of alive) {
    const d = c === leader ? undefined : compare(state, c, leader, variances);
    if (d) gaps.set(c, d);
  }
  const step = wholeExample(state);
  const upper = (c: number, z = o.z): number => {
    const d = gaps.get(c);
    return d ? d.mean + z * d.se - step : -Infinity;
  };
  const behind = alive.filter((c) => {
    const d = gaps.get(c);
    return d !== undefined && d.mean + 2 * o.z * d.se < 0;
  });
  state.drop(stage, behind);
  const challengers = alive
    .filter((c) => c !== leader && state.alive(c) && upper(c) > 0 && !copyOf(state, c, leader))
    .sort((a, b) => upper(b) - upper(a))
    .filter((c, i, sorted) => ![leader, ...sorted.slice(0, i)].some((t) => sameScores(state, c, t)))
    .filter((c, i) => i < o.width || upper(c, o.extraZ) > 0)
    .slice(0, width);
  // The leader needs the evidence floor before it wins: with no plausible challenger left, or when
  // racing them would leave too little of the budget for it, it is scored alone (if the extra
  // examples pull it back, the race goes on).
  const owed = state.unseen(leader) > 0 ? Math.max(0, state.need - state.count(leader)) : 0;
  if (challengers.length === 0 || (owed > 0 && state.left - o.batch * challengers.length < owed)) return owed > 0 ? [leader] : [];
  return [leader, ...challengers].filter((c) => state.unseen(c) > 0);
}

/**
 * How far above the leader a challenger's upper bound must reach to be plausible: with 0/1 scores
 * the whole-split means move in steps of 1/split, so a challenger beats the leader only by a whole
 * example, and the margin is half of one (a continuity correction); with other scores, 0.
 */
function wholeExample(state: PoolState): number {
  return state.binary ? 0.5 / state.evalSize : 0;
}

/**
 * Whether `a` and `b` have exactly the same scores so far (same examples, same outcomes): of the
 * leader and its challengers, only the first of such twins races in a step, so a pool of
 * instructions that behave alike does not spend a step's width on one behaviour. The others are
 * not dropped; they race in a later step if still plausible.
 */
function sameScores(state: PoolState, a: number, b: number): boolean {
  const xa = state.scores(a);
  const xb = state.scores(b);
  return xa.length === xb.length && xa.every((x, i) => x === xb[i]);
}

/**
 * Whether challenger `c` scored exactly as the leader on every example both have seen, and those
 * are at least the evidence floor: racing it can show little but a tie, and a pool where many
 * instructions behave alike would otherwise spend its race on copies of the leader. (It is not
 * dropped: it keeps its place in the ranking by its mean.)
 */
function copyOf(state: PoolState, c: number, leader: number): boolean {
  const xc = state.scores(c);
  const xl = state.scores(leader);
  const n = Math.min(xc.length, xl.length);
  if (n < state.need) return false;
  for (let i = 0; i < n; i++) if (xc[i] !== xl[i]) return false;
  return true;
}

/** The best running mean among `candidates` (more examples, then the given order, break ties). */
function leaderOf(state: PoolState, candidates: readonly number[]): number | undefined {
  let best: number | undefined;
  for (const c of candidates) {
    if (best === undefined || state.mean(c) > state.mean(best) || (state.mean(c) === state.mean(best) && state.count(c) > state.count(best))) best = c;
  }
  return best;
}
