/** How many (candidate, example) evaluations a selector plans for a pool, before it runs. */
import type { Selector } from "./selector.js";

/**
 * Evaluations planned for a pool, within the evaluation budget: what the strategy asks for at most
 * (`maxEvaluations`, e.g. multistage's cap; for progress displays), or, for `"typical"`, what it
 * usually spends (`typicalEvaluations`, else the most; for cost estimates). A strategy that spends
 * whatever it is given is counted at its whole budget. With `newcomers`, the pool is new
 * candidates racing a leader already scored on the whole split (see `typicalEvaluations`).
 */
export function plannedEvaluations(
  selector: Selector,
  pool: number,
  evalSize: number,
  evalBudget: number | undefined,
  which: "most" | "typical" = "most",
  newcomers = false,
): number {
  if (pool <= 0 || evalSize <= 0) return 0;
  const budget = Math.min(evalBudget ?? pool * evalSize, pool * evalSize);
  const most = selector.maxEvaluations?.(pool, evalSize) ?? budget;
  const typical = which === "typical" ? (selector.typicalEvaluations?.(pool, evalSize, newcomers) ?? most) : most;
  return Math.min(budget, most, typical);
}
