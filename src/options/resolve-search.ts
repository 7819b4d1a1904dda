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
import { checkMetricOption, type MetricOption, resolveMetric, type RunMetric } from "../metrics/resolve.js";

/** What a run records of its parts: each model's identity (its spec, or an injected model's own), and the selector's. */
export interface SearchParts {
  readonly proposer: string;
  readonly target: string;
  /** The judge's model, asked only where the metric is a judge (part of that metric's identity). */
  readonly judge: string;
  readonly selector: PartIdentity;
}

/** A search's inputs, resolved once. */
export interface ResolvedSearch {
  /** The plain settings, defaults applied and checked. */
  readonly settings: Resolved;
  /**
   * The models' specs: parsed from `proposer`, `target` or `model`, or those of the models passed
   * in `options.models`; the judge's from `judgeModel`, else the proposer's.
   */
  readonly specs: { readonly proposer: ModelSpec; readonly target: ModelSpec; readonly judge: ModelSpec };
  readonly parts: SearchParts;
  /** The selection strategy: the one passed in, or the one named, made from the registry. */
  readonly selector: Selector;
  /** The proposers that write the first pool (for `mode`); the rounds' are `refineAsks(settings.refine, …)`'s. */
  readonly proposers: { readonly initial: readonly Proposer[] };
  /** The price table: the one given, else the defaults. */
  readonly prices: PriceTable;
  /** The metric option, checked (undefined: each task's own). */
  readonly metric: MetricOption | undefined;
  /** The run's metric for `task` (a module named is loaded). */
  runMetric(task: Task): Promise<RunMetric>;
  /** The run's stored config and its hash (its identity) for `task`, scored by `metric`. */
  runConfig(task: Task, metric: RunMetric): { readonly json: string; readonly hash: string };
}

/**
 * Resolve `options` (a search's, or a suite's shared by its tasks).
 * @throws UsageError naming the option when a setting, a model spec or the selector is bad.
 */
export function resolveSearch(options: SearchSettings): ResolvedSearch {
  const settings = resolve(options);
  const metric = checkMetricOption(options.metric);
  const proposer = modelSpec(options, "proposer");
  const judge = options.models?.judge?.spec ?? (options.judgeModel === undefined ? proposer : parseSpec(options.judgeModel, options.baseUrls));
  const specs = { proposer, target: modelSpec(options, "target"), judge };
  const selector = typeof options.selector === "object" ? options.selector : createSelector(options.selector ?? DEFAULT_SELECTOR);
  const parts: SearchParts = {
    proposer: formatSpec(specs.proposer),
    target: formatSpec(specs.target),
    judge: formatSpec(specs.judge),
    selector: selector.identity ?? partIdentity(selector.name, {}),
  };
  return {
    settings,
    specs,
    parts,
    selector,
    proposers: { initial: initialProposers(settings.mode) },
    prices: options.prices ?? DEFAULT_PRICES,
    metric,
    runMetric: (task) => resolveMetric(task, metric, { judgeModel: parts.judge, scorer: settings.scorer }),
    runConfig: (task, run) => runConfig(options, settings, task, { proposer: parts.proposer, target: parts.target }, parts.selector, run),
  };
}

/** The spec of `role`'s model: the injected model's own, else the one named (for the role, or both), else the default. */
function modelSpec(options: SearchSettings, role: "proposer" | "target"): ModelSpec {
  const injected: Model | undefined = options.models?.[role];
  return injected?.spec ?? parseSpec(options[role] ?? options.model ?? DEFAULT_MODEL, options.baseUrls);
}
