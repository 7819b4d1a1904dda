/**
 * The selection strategies and the one way to get one by name.
 */
import { UsageError } from "../errors.js";
import { boundsSelector, type BoundsOptions } from "./bounds.js";
import { exhaustiveSelector, type ExhaustiveOptions } from "./exhaustive.js";
import { halvingSelector, type HalvingOptions } from "./halving.js";
import { multistageSelector, type MultistageOptions } from "./multistage.js";
import { SELECTORS, type Selector, type SelectorName } from "./selector.js";
import { ucbSelector, type UcbOptions } from "./ucb.js";

export * from "./selector.js";
export { BOUNDS_DEFAULTS, boundsSelector, type BoundsOptions } from "./bounds.js";
export { exhaustiveSelector, type ExhaustiveOptions } from "./exhaustive.js";
export { HALVING_DEFAULTS, halvingSelector, type HalvingOptions } from "./halving.js";
export { MULTISTAGE_DEFAULTS, multistageCost, multistageSelector, raceWidth, type MultistageOptions } from "./multistage.js";
export { UCB_DEFAULTS, ucbSelector, type UcbOptions } from "./ucb.js";
export { createRng, deriveSeed, mulberry32, permutation, splitmix32, type Rng } from "../random.js";

/** The settings each strategy takes, by name. */
export interface SelectorSettings {
  readonly multistage: MultistageOptions;
  readonly ucb: UcbOptions;
  readonly halving: HalvingOptions;
  readonly exhaustive: ExhaustiveOptions;
  readonly bounds: BoundsOptions;
}

const FACTORIES: { readonly [N in SelectorName]: (settings?: SelectorSettings[N]) => Selector } = {
  multistage: multistageSelector,
  ucb: ucbSelector,
  halving: halvingSelector,
  exhaustive: () => exhaustiveSelector(),
  bounds: boundsSelector,
};

/** Whether `name` is a known strategy. */
export function isSelectorName(name: string): name is SelectorName {
  return (SELECTORS as readonly string[]).includes(name);
}

/**
 * A selection strategy by name, with its settings (each defaults as documented on its options).
 * @throws UsageError for an unknown name or a setting out of range.
 * @example
 * const selector = createSelector("multistage", { z: 2 });
 * const { ranking } = await selector.select(pool.length, evaluate, { evalSize: 100, budget: 2000, seed: 1 });
 */
export function createSelector<N extends SelectorName>(name: N, settings?: SelectorSettings[N]): Selector {
  if (!isSelectorName(name)) {
    throw new UsageError(`unknown selection strategy "${String(name)}"; use one of ${SELECTORS.join(", ")}`);
  }
  const factory: (settings?: SelectorSettings[N]) => Selector = FACTORIES[name];
  return factory(settings);
}
