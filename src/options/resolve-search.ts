/**
 * The one resolution of a search's inputs: options → the settings (defaults applied, checked),
 * the models' specs, the selector, the proposers, and what the run records of each part, from
 * which its identity (config hash) is made. `search()`, `suite()`, the estimate and `ape resume`
 * (through the options it rebuilds) all go through it, so they cannot disagree.
 */
import { type PartIdentity, partIdentity } from "../registry.js";
import { DEFAULT_PRICES, type PriceTable } from "../accounting/prices.js";
import { DEFAULT_MODEL, formatSpec, parseSpec } from "../model/spec.js";
import type { Model, ModelSpec } from "../model/types.js";
import { DEFAULT_SELECTOR, resolve, type Resolved, runConfig, type SearchSettings } from "./search-options.js";
import { initialProposers, type Proposer } from "../propose/index.js";
import { createSelector } from "../select/index.js";
import type { Selector } from "../select/selector.js";
import type { Task } from "../task/types.js";

/** What a run records of its parts: each model's identity (its spec, or an injected model's own), and the selector's. */
export interface SearchParts {
  readonly proposer: string;
  readonly target: string;
  readonly selector: PartIdentity;
}

/** A search's inputs, resolved once. */
export interface ResolvedSearch {
  /** The plain settings, defaults applied and checked. */
  readonly settings: Resolved;
  /** The models' specs: parsed from `proposer`, `target` or `model`, or those of the models passed in `options.models`. */
  readonly specs: { readonly proposer: ModelSpec; readonly target: ModelSpec };
  readonly parts: SearchParts;
  /** The selection strategy: the one passed in, or the one named, made from the registry. */
  readonly selector: Selector;
  /** The proposers that write the first pool (for `mode`); the rounds' are `refineAsks(settings.refine, …)`'s. */
  readonly proposers: { readonly initial: readonly Proposer[] };
  /** The price table: the one given, else the defaults. */
  readonly prices: PriceTable;
  /** The run's stored config and its hash (its identity) for `task`. */
  runConfig(task: Task): { readonly json: string; readonly hash: string };
}

/**
 * Resolve `options` (a search's, or a suite's shared by its tasks).
 * @throws UsageError naming the option when a setting, a model spec or the selector is bad.
 */
export function resolveSearch(options: SearchSettings): ResolvedSearch {
  const settings = resolve(options);
  const specs = { proposer: modelSpec(options, "proposer"), target: modelSpec(options, "target") };
  const selector = typeof options.selector === "object" ? options.selector : createSelector(options.selector ?? DEFAULT_SELECTOR);
  const parts: SearchParts = {
    proposer: formatSpec(specs.proposer),
    target: formatSpec(specs.target),
    selector: selector.identity ?? partIdentity(selector.name, {}),
  };
  return {
    settings,
    specs,
    parts,
    selector,
    proposers: { initial: initialProposers(settings.mode) },
    prices: options.prices ?? DEFAULT_PRICES,
    runConfig: (task) => runConfig(options, settings, task, { proposer: parts.proposer, target: parts.target }, parts.selector),
  };
}

/** The spec of `role`'s model: the injected model's own, else the one named (for the role, or both), else the default. */
function modelSpec(options: SearchSettings, role: "proposer" | "target"): ModelSpec {
  const injected: Model | undefined = options.models?.[role];
  return injected?.spec ?? parseSpec(options[role] ?? options.model ?? DEFAULT_MODEL, options.baseUrls);
}
