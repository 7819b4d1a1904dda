/** How many (candidate, example) evaluations a selector plans for a pool, before it runs. */
import { fitFirstBatch, MULTISTAGE_DEFAULTS, plannedCost } from "../select/index.js";
import type { SelectorName } from "../select/selector.js";

/**
 * Evaluations planned for a pool: multistage's own schedule (shrunk to fit the budget, as it does
 * itself); the other strategies may use their whole budget, which is what is counted for them.
 */
export function plannedEvaluations(selector: SelectorName, pool: number, evalSize: number, evalBudget: number | undefined): number {
  if (pool <= 0 || evalSize <= 0) return 0;
  const budget = evalBudget ?? pool * evalSize;
  if (selector !== "multistage") return Math.min(budget, pool * evalSize);
  const plan = MULTISTAGE_DEFAULTS;
  const firstBatch = fitFirstBatch(pool, evalSize, budget, plan);
  return Math.min(budget, plannedCost(pool, evalSize, { ...plan, firstBatch }));
}
