/**
 * The evidence floor: no winner is declared on a mean over a handful of examples. Five examples
 * cannot tell 1.0 from 0.6 (a Jeffreys interval for 5/5 reaches down to 0.6), so the declared
 * winner is scored on at least `minEvidence` examples (`MIN_EVIDENCE`, 20, by default), or the
 * whole split when it is smaller.
 * Strategies that spend whatever budget they are given hold back enough to confirm their leader;
 * confirming can show the leader was lucky, and then the next leader is confirmed in turn.
 */
import type { PoolState } from "./pool-state.js";

/**
 * Score the leader (the first of the ranking by means) up to `state.need` examples, and the next
 * leader when that one falls back, until the leader has the evidence, the budget (held-back part
 * included) is spent, or the leader has seen the whole split. Each confirmation is recorded at `stage`.
 */
export async function confirmLeader(state: PoolState, stage: number): Promise<void> {
  state.hold(0);
  for (;;) {
    const leader = state.leader();
    if (leader === undefined || state.count(leader) >= state.need || state.unseen(leader) === 0 || state.left === 0) return;
    await state.score([{ candidate: leader, size: state.need - state.count(leader) }]);
    state.record(stage, [leader]);
  }
}
