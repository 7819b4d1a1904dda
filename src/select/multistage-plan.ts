/**
 * The schedule of `multistage` as plain arithmetic: how many candidates each stage keeps, what the
 * whole schedule costs, and the largest first batch a budget can pay for.
 */

/** The schedule settings the plan depends on. */
export interface StagePlan {
  readonly firstBatch: number;
  readonly growth: number;
  readonly keep: number;
  readonly finalists: number;
}

/** Candidates kept after a filtering stage of `alive` (before any slack): at least the finalists, always fewer than `alive`. */
export function keptAfter(alive: number, plan: StagePlan): number {
  return Math.min(alive - 1, Math.max(plan.finalists, Math.ceil(alive * plan.keep)));
}

/** Evaluations the schedule asks for on a pool of `poolSize` and a split of `evalSize` (with no slack). */
export function plannedCost(poolSize: number, evalSize: number, plan: StagePlan): number {
  let alive = poolSize;
  let batch = plan.firstBatch;
  let seen = 0;
  let cost = 0;
  while (alive > plan.finalists) {
    const b = Math.min(Math.floor(batch), evalSize - seen);
    cost += alive * b;
    seen += b;
    alive = keptAfter(alive, plan);
    batch = Math.ceil(batch * plan.growth);
  }
  return cost + alive * (evalSize - seen);
}

/**
 * The largest first batch, at most `plan.firstBatch` and at least 1, whose schedule fits `budget`;
 * 1 when none does (the budget then cuts the schedule short).
 */
export function fitFirstBatch(poolSize: number, evalSize: number, budget: number, plan: StagePlan): number {
  for (let first = Math.floor(plan.firstBatch); first > 1; first--) {
    if (plannedCost(poolSize, evalSize, { ...plan, firstBatch: first }) <= budget) return first;
  }
  return 1;
}
