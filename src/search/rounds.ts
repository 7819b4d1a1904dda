/**
 * Selection and refining rounds: select over the initial pool, then for each round ask the
 * refining proposers (`--refine`) for children of parents chosen from the Pareto front (the best
 * so far first), select again over the parents and their children, and stop after `rounds` or as
 * soon as a round does not improve the best. Children are raced like everyone: each is scored only
 * as far as it stays plausible.
 *
 * With rounds on, each round's top candidate is scored on the whole eval split (most of it
 * usually is already; nothing is scored twice) and compared with the best so far on that exact
 * mean, not on a running mean over some batches: so "improved" means improved, and the result of
 * refining is never worse on the eval split than the best before it.
 */
import type { SearchEvent } from "../events.js";
import type { Gateway } from "../gateway/gateway.js";
import type { Resolved, SearchOptions } from "../options/search-options.js";
import { dedupe, dedupeKey } from "../propose/proposal.js";
import { refineAsks } from "../propose/refine.js";
import { createRng, deriveSeed } from "../random.js";
import type { EvalCandidate, Evaluator } from "../score/evaluator.js";
import { plannedEvaluations } from "../select/plan.js";
import type { Evaluate, Selector, StageRecord } from "../select/selector.js";
import type { Proposal } from "../propose/proposal.js";
import type { Task } from "../task/types.js";
import { at, entry } from "../at.js";
import { gradedOf } from "./evidence.js";
import { chooseParents, paretoFront } from "./parents.js";

/** A stage record tagged with the refining round it belongs to. */
export interface RoundStageRecord extends StageRecord {
  readonly round: number;
}

/** What the rounds need from the search. */
export interface RoundsContext {
  readonly task: Task;
  readonly r: Resolved;
  readonly options: SearchOptions;
  /** Let proposals into the pool: the flow records them and gives them ids (parents resolved by text). */
  readonly admit: (proposals: readonly Proposal[], parents: ReadonlyMap<string, number>) => EvalCandidate[];
  readonly gateways: { readonly proposer: Gateway };
  readonly emit: (e: SearchEvent) => void;
  readonly selector: Selector;
  /** The run's race width, as it began (see `runRaceWidth`). */
  readonly raceWidth: number;
  readonly evaluator: Evaluator;
  readonly initial: readonly EvalCandidate[];
  /**
   * Called when the last selection is certain of its winner, before it ends (see
   * `SelectOptions.onCertain`): only without refining rounds, where that winner is the run's.
   */
  readonly onCertain?: ((winner: EvalCandidate) => void) | undefined;
}

/** What selection concluded about one candidate; the final ranking lists them best first. */
export interface CandidateOutcome extends EvalCandidate {
  /** Mean score on everything of the eval split it was scored on (null: never scored). */
  readonly mean: number | null;
  /** Eval examples it was scored on. */
  readonly evalCount: number;
  /** The stage of the last selection that dropped it (null: it survived, or it was not in that selection). */
  readonly droppedAt: number | null;
  readonly history: readonly RoundStageRecord[];
}

/** Run selection and the refining rounds; returns every candidate's outcome, ranked, and the rounds run. */
export async function runRounds(c: RoundsContext): Promise<{ readonly ranking: readonly CandidateOutcome[]; readonly rounds: number }> {
  const evalSplit = c.task.splits.eval;
  const everyone = new Map<number, EvalCandidate>(c.initial.map((x) => [x.id, x]));
  const seen = new Set(c.initial.map((x) => dedupeKey(x.text)));
  const state = new Map<number, { droppedAt: number | null; history: RoundStageRecord[] }>();
  let pool: readonly EvalCandidate[] = c.initial;
  let order: number[] = [];
  let best = -Infinity;
  let champion: number | undefined;
  let round = 0;
  const settle = async (id: number): Promise<number> => {
    const scores = await c.evaluator.score(entry(everyone, id), "eval", evalSplit);
    return scores.reduce((sum, x) => sum + x, 0) / Math.max(1, scores.length);
  };

  for (;;) {
    c.emit({ type: "stage", stage: "select", round });
    const budget = c.options.evalBudget ?? pool.length * evalSplit.length;
    const planned = plannedEvaluations(c.selector, pool.length, evalSplit.length, c.options.evalBudget);
    let requested = 0;
    const current = pool;
    const evaluate: Evaluate = async (requests) => {
      const scores = await Promise.all(
        requests.map((q) =>
          c.evaluator.score(
            at(current, q.candidate),
            "eval",
            q.examples.map((i) => evalSplit[i]).filter((e) => e !== undefined),
          ),
        ),
      );
      requested += requests.reduce((n, q) => n + q.examples.length, 0);
      c.emit({ type: "selection", round, alive: current.length, evaluations: requested, plannedEvaluations: planned });
      return scores;
    };
    const onCertain = c.r.rounds === 0 && c.onCertain ? (i: number): void => c.onCertain?.(at(current, i)) : undefined;
    const selection = await c.selector.select(pool.length, evaluate, {
      evalSize: evalSplit.length,
      budget,
      seed: deriveSeed(c.r.seed, "select", round),
      minEvidence: c.r.minEvidence,
      raceWidth: c.raceWidth,
      onCertain,
    });
    for (const o of selection.ranking) {
      const id = at(pool, o.index).id;
      const s = state.get(id) ?? { droppedAt: null, history: [] };
      state.set(id, { droppedAt: o.droppedAt ?? null, history: [...s.history, ...o.history.map((h) => ({ ...h, round }))] });
    }
    order = selection.ranking.map((o) => at(pool, o.index).id);
    let improved: boolean;
    if (c.r.rounds === 0) {
      best = selection.ranking[0]?.mean ?? -Infinity;
      improved = true;
    } else {
      const top = order[0];
      const mean = top === undefined ? -Infinity : await settle(top);
      improved = top !== undefined && (champion === undefined || mean > best + 1e-12);
      if (improved) {
        champion = top;
        best = mean;
      }
      // The best so far leads the ranking (and the next round's parents) even when this round's
      // selection, working from batches, put a newcomer first.
      if (champion !== undefined) order = [champion, ...order.filter((id) => id !== champion)];
    }
    c.emit({ type: "round", round, best, improved, leader: order[0] });
    if (round >= c.r.rounds || (round > 0 && !improved)) break;

    round++;
    c.emit({ type: "stage", stage: "resample", round });
    const rows = c.evaluator.scored("eval");
    const front = paretoFront(rows, new Set(everyone.keys()));
    const parents = chooseParents(order, front, c.r.topK, createRng(deriveSeed(c.r.seed, "parents", round))).map((id) => entry(everyone, id));
    const context = { task: c.task, proposer: c.gateways.proposer, demos: c.r.demos, seed: c.r.seed };
    const asks = refineAsks(
      c.r.refine,
      round,
      c.r.variants,
      parents.map((p) => ({ text: p.text, graded: gradedOf(p.id, rows, evalSplit) })),
    );
    const proposals = (await Promise.all(asks.map(({ proposer, ask }) => proposer.propose(context, ask)))).flat();
    const fresh = dedupe(proposals, seen);
    if (fresh.length === 0) {
      c.emit({
        type: "notice",
        message: `refining round ${round}: all ${proposals.length} children the proposer wrote are instructions already scored, so the rounds end here`,
      });
      break;
    }
    for (const p of fresh) seen.add(dedupeKey(p.text));
    const added = c.admit(fresh, new Map(parents.map((p) => [p.text, p.id])));
    for (const a of added) everyone.set(a.id, a);
    pool = [...parents, ...added];
    c.emit({ type: "proposals", round, added: added.length, pool: pool.length });
  }

  // The winner first, then the last selection's survivors in its order, then everyone else by mean:
  // a candidate dropped early in the last round must not outrank a stronger one from an earlier round.
  const meanOf = (id: number): number | null => c.evaluator.summary(id, "eval").mean;
  const [winner, ...others] = order;
  const survivors = others.filter((id) => state.get(id)?.droppedAt === null);
  const rest = [...everyone.keys()].filter((id) => id !== winner && !survivors.includes(id));
  rest.sort((a, b) => (meanOf(b) ?? -Infinity) - (meanOf(a) ?? -Infinity) || a - b);
  const ranking = [...(winner === undefined ? [] : [winner]), ...survivors, ...rest].map((id): CandidateOutcome => {
    const { mean, count } = c.evaluator.summary(id, "eval");
    const s = state.get(id);
    return { ...entry(everyone, id), mean, evalCount: count, droppedAt: s?.droppedAt ?? null, history: s?.history ?? [] };
  });
  return { ranking, rounds: round };
}
