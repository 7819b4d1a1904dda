/**
 * The one ranking rule every strategy ends with, so results compare across strategies.
 */
import type { CandidateOutcome } from "./selector.js";

/**
 * Rank outcomes best first: scored survivors by mean; then scored dropped candidates, later drop
 * stage first, then by mean; then candidates never scored. Within equal keys, more examples
 * first, then the seeded `ties` order (a permutation of the indices), so ties fall the same way
 * for a seed without favouring low indices.
 * @param ties a permutation of the candidate indices; earlier in it wins a tie.
 */
export function rankOutcomes(outcomes: readonly CandidateOutcome[], ties: readonly number[]): CandidateOutcome[] {
  const position = new Map<number, number>();
  for (const [i, candidate] of ties.entries()) position.set(candidate, i);
  const tier = (o: CandidateOutcome): number => (o.count === 0 ? 2 : o.droppedAt === undefined ? 0 : 1);
  return outcomes.slice().sort((a, b) => {
    const ta = tier(a);
    const tb = tier(b);
    if (ta !== tb) return ta - tb;
    if (ta === 1 && a.droppedAt !== b.droppedAt) return (b.droppedAt ?? 0) - (a.droppedAt ?? 0);
    if (ta !== 2 && a.mean !== b.mean) return b.mean - a.mean;
    if (a.count !== b.count) return b.count - a.count;
    return (position.get(a.index) ?? a.index) - (position.get(b.index) ?? b.index);
  });
}
