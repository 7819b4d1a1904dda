/**
 * The selection strategies' registry, and the one way to get one by name. Each entry gives its
 * name, what it does (for `--help`), its default settings and how to make it; the selector made
 * carries its identity (name and settings that differ from the defaults), which is part of a
 * run's identity. Adding a strategy is its file and one entry here.
 */
import { UsageError } from "../errors.js";
import { partIdentity, registryNames } from "../registry.js";
import { BOUNDS_DEFAULTS, boundsSelector } from "./bounds.js";
import { exhaustiveSelector } from "./exhaustive.js";
import { HALVING_DEFAULTS, halvingSelector } from "./halving.js";
import { MULTISTAGE_DEFAULTS, multistageSelector } from "./multistage.js";
import type { Selector } from "./selector.js";
import { UCB_DEFAULTS, ucbSelector } from "./ucb.js";

export * from "./selector.js";
export { BOUNDS_DEFAULTS, boundsSelector, type BoundsOptions } from "./bounds.js";
export { exhaustiveSelector, type ExhaustiveOptions } from "./exhaustive.js";
export { HALVING_DEFAULTS, halvingSelector, type HalvingOptions } from "./halving.js";
export { MULTISTAGE_DEFAULTS, multistageCost, multistageSelector, slotsWidth, type MultistageOptions } from "./multistage.js";
export { UCB_DEFAULTS, ucbSelector, type UcbOptions } from "./ucb.js";
export { createRng, deriveSeed, mulberry32, permutation, splitmix32, type Rng } from "../random.js";

/** One selection strategy as the registry lists it. */
export interface SelectorEntry<N extends string, S extends object> {
  readonly name: N;
  /** What it does, in a few words (for `--help`). */
  readonly describe: string;
  /** Its settings when none are given. */
  readonly defaults: Readonly<S>;
  /** Make it with `settings` (each defaulting as documented on its options). @throws UsageError for a setting out of range. */
  readonly create: (settings?: S) => Selector;
}

/** The registered strategies, the default (the paper's adaptive multi-stage filtering) first. */
export const SELECTOR_REGISTRY = [
  { name: "multistage", describe: "adaptive multi-stage filtering (a race)", defaults: MULTISTAGE_DEFAULTS, create: multistageSelector },
  { name: "ucb", describe: "UCB bandit, as in the original APE code", defaults: UCB_DEFAULTS, create: ucbSelector },
  { name: "halving", describe: "successive halving", defaults: HALVING_DEFAULTS, create: halvingSelector },
  { name: "exhaustive", describe: "every candidate on every example", defaults: {}, create: () => exhaustiveSelector() },
  { name: "bounds", describe: "confidence-bound elimination", defaults: BOUNDS_DEFAULTS, create: boundsSelector },
] as const satisfies readonly SelectorEntry<string, object>[];

type Entry = (typeof SELECTOR_REGISTRY)[number];
/** Name of a registered selection strategy. */
export type SelectorName = Entry["name"];
/** The settings each strategy takes, by name. */
export type SelectorSettings = { readonly [E in Entry as E["name"]]: NonNullable<Parameters<E["create"]>[0]> };

/** The registered strategies' names, the default first. */
export const SELECTORS = registryNames(SELECTOR_REGISTRY);

/** Whether `name` is a registered strategy. */
export function isSelectorName(name: string): name is SelectorName {
  return SELECTOR_REGISTRY.some((e) => e.name === name);
}

/**
 * A selection strategy by name, with its settings (each defaults as documented on its options).
 * The selector carries its identity: a different setting is a different run.
 * @throws UsageError for an unknown name or a setting out of range.
 * @example
 * const selector = createSelector("multistage", { z: 2 });
 * const { ranking } = await selector.select(pool.length, evaluate, { evalSize: 100, budget: 2000, seed: 1 });
 */
export function createSelector<N extends SelectorName>(name: N, settings?: SelectorSettings[N]): Selector {
  return storedSelector(name, settings);
}

/**
 * A strategy by a name and settings read back from a stored run (not checked by the compiler).
 * @throws UsageError for an unknown name or a setting out of range.
 */
export function storedSelector(name: string, settings?: object): Selector {
  const entry: SelectorEntry<string, object> | undefined = SELECTOR_REGISTRY.find((e) => e.name === name);
  if (entry === undefined) {
    throw new UsageError(`unknown selection strategy "${String(name)}"; use one of ${SELECTORS.join(", ")}`);
  }
  return { ...entry.create(settings), identity: partIdentity(entry.name, settings, entry.defaults) };
}
