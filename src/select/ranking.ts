/**
 * The one ranking rule every strategy ends with, so results compare across strategies.
 */
import { at } from "../at.js";
import type { CandidateOutcome } from "./selector.js";

/**
 * Rank outcomes best first: scored survivors by mean; then scored dropped candidates, later drop
 * stage first, then by mean; then candidates never scored. Within equal keys, more examples
 * first, then the seeded `ties` order (a permutation of the indices), so ties fall the same way
 * for a seed without favouring low indices. The winner is the first with `need` examples or more
 * where any has them: a mean on fewer is not evidence enough (see `evidence.ts`).
 * @param ties a permutation of the candidate indices; earlier in it wins a tie.
 */
export function rankOutcomes(outcomes: readonly CandidateOutcome[], ties: readonly number[], need = 0): CandidateOutcome[] {
  const position = new Map<number, number>();
  for (const [i, candidate] of ties.entries()) position.set(candidate, i);
  const tier = (o: CandidateOutcome): number => (o.count === 0 ? 2 : o.droppedAt === undefined ? 0 : 1);
  const ranked = outcomes.slice().sort((a, b) => {
    const ta = tier(a);
    const tb = tier(b);
    if (ta !== tb) return ta - tb;
    if (ta === 1 && a.droppedAt !== b.droppedAt) return (b.droppedAt ?? 0) - (a.droppedAt ?? 0);
    if (ta !== 2 && a.mean !== b.mean) return b.mean - a.mean;
    if (a.count !== b.count) return b.count - a.count;
    return (position.get(a.index) ?? a.index) - (position.get(b.index) ?? b.index);
  });
  const confirmed = ranked.findIndex((o) => o.count >= need);
  if (confirmed <= 0) return ranked;
  return [at(ranked, confirmed), ...ranked.filter((_, i) => i !== confirmed)];
}

/**
 * The outcomes tied with the first of `ranked`: the same mean on as many examples. Every candidate
 * reads the split in one order, so these scored the same on the very same examples, and the
 * seeded order alone put the first ahead of them.
 */
export function tiedWithFirst<T extends { readonly mean: number; readonly count: number }>(ranked: readonly T[]): T[] {
  const first = ranked[0];
  if (!first || first.count === 0) return [];
  return ranked.slice(1).filter((o) => o.count === first.count && o.mean === first.mean);
}
