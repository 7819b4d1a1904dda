/** How many (candidate, example) evaluations a selector plans for a pool, before it runs. */
import type { Selector } from "./selector.js";

/**
 * Evaluations planned for a pool: what the strategy says it asks for at most (`maxEvaluations`,
 * e.g. multistage's schedule), within the evaluation budget; a strategy that spends whatever it is
 * given is counted at its whole budget.
 */
export function plannedEvaluations(selector: Selector, pool: number, evalSize: number, evalBudget: number | undefined): number {
  if (pool <= 0 || evalSize <= 0) return 0;
  const budget = Math.min(evalBudget ?? pool * evalSize, pool * evalSize);
  return Math.min(budget, selector.maxEvaluations?.(pool, evalSize) ?? budget);
}
