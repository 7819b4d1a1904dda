/**
 * Which candidates a round refines: the best so far, then others drawn from the Pareto front over
 * eval examples (GEPA's parent choice), so a candidate that is best where the leader fails gets its
 * turn even with a lower mean.
 *
 * The front: on each eval example, the candidates scored on it that reach the best score there,
 * where not every candidate scored on it reached that score (an example everyone gets right, or
 * wrong, tells none apart). A candidate whose set of such examples is strictly inside another's is
 * dominated and leaves the front. Each candidate on the front is drawn with weight the number of
 * examples it is best on.
 */
import type { Rng } from "../random.js";
import type { ScoredRow } from "./evidence.js";

/** The candidates of `among` on the Pareto front of `rows`, each with the number of eval examples it is best on. */
export function paretoFront(rows: readonly ScoredRow[], among: ReadonlySet<number>): Map<number, number> {
  const byExample = new Map<string, ScoredRow[]>();
  for (const r of rows) {
    if (!among.has(r.candidateId)) continue;
    const list = byExample.get(r.row.exampleId) ?? [];
    list.push(r);
    byExample.set(r.row.exampleId, list);
  }
  const wins = new Map<number, Set<string>>();
  for (const [example, list] of byExample) {
    const best = Math.max(...list.map((r) => r.row.score));
    const winners = list.filter((r) => r.row.score >= best);
    if (winners.length === list.length) continue;
    for (const w of winners) wins.set(w.candidateId, (wins.get(w.candidateId) ?? new Set()).add(example));
  }
  const front = new Map<number, number>();
  for (const [id, own] of wins) {
    const dominated = [...wins].some(([other, theirs]) => other !== id && theirs.size > own.size && [...own].every((e) => theirs.has(e)));
    if (!dominated) front.set(id, own.size);
  }
  return front;
}

/**
 * Up to `count` parents: `ranking[0]` (the best so far) first, then candidates of `front` drawn by
 * weight without replacement, then the next of `ranking` while places are left.
 */
export function chooseParents(ranking: readonly number[], front: ReadonlyMap<number, number>, count: number, rng: Rng): number[] {
  const chosen = ranking.slice(0, Math.min(1, count));
  const pool = [...front].filter(([id, weight]) => weight > 0 && !chosen.includes(id)).sort(([a], [b]) => a - b);
  while (chosen.length < count && pool.length > 0) {
    const u = rng.next() * pool.reduce((sum, [, weight]) => sum + weight, 0);
    let below = 0;
    const at = pool.findIndex(([, weight]) => {
      below += weight;
      return u < below;
    });
    const [drawn] = pool.splice(at < 0 ? pool.length - 1 : at, 1);
    if (drawn) chosen.push(drawn[0]);
  }
  for (const id of ranking) if (chosen.length < count && !chosen.includes(id)) chosen.push(id);
  return chosen;
}
