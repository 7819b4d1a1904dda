/**
 * ape-search: the library's public surface. `search()` finds the best instruction for a task,
 * `suite()` does so for many tasks at once and sets ape's instructions beside the human ones;
 * the rest are the types it takes and returns, the errors it throws, and the pieces a pipeline
 * may want on their own (task loading, metrics, the store).
 */
export { search } from "./search/search.js";
export { suite } from "./suite/suite.js";
export type { SuiteOptions, SuiteProtocol } from "./suite/options.js";
export { SUITE_PROTOCOLS } from "./suite/options.js";
export type { SuiteEvent, SuiteCounts } from "./suite/events.js";
export type { SuiteResult, SuiteTaskResult, TestScore, Outcome } from "./suite/result.js";
export { OUTCOMES } from "./suite/result.js";
export { iqm } from "./stats/iqm.js";
export { summarizeSuite } from "./suite/summary.js";
export type { SearchOptions, ProposalMode } from "./options/search-options.js";
export { estimate } from "./estimate/estimate.js";
export { estimateSuite } from "./estimate/suite.js";
export type { Estimate, EstimateTotal, RoleEstimate, SuiteEstimate } from "./estimate/types.js";
export { formatEstimate, formatSuiteEstimate } from "./estimate/format.js";
export { MODES } from "./options/search-options.js";
export type { SearchResult, RankedCandidate, ReferenceResult, Totals } from "./result.js";
export type { SearchEvent, Stage } from "./events.js";
export { STAGES } from "./events.js";
export * from "./errors.js";
export type { Message, OptionName, OptionRef, Part, ResumeRef } from "./message.js";
export type { Task, Example, Templates, MetricName, SplitName, AnswerSettings, Extract } from "./task/types.js";
export { METRICS, SPLITS, DEFAULT_TEMPLATES } from "./task/types.js";
export { DEFAULT_ANSWER } from "./task/answer.js";
export { loadTask, parseTask } from "./task/index.js";
export {
  defineMetric,
  normalize,
  scorePrediction,
  METRIC_REGISTRY,
  type Metric,
  type MetricEntry,
  type MetricFunction,
  type MetricResult,
  type MetricValue,
} from "./metrics/index.js";
export type { MetricSpec, MetricModuleSpec, JudgeSpec } from "./metrics/spec.js";
export { SCORERS, SCORER_REGISTRY, type ScorerName } from "./score/registry.js";
export type { Selector, Evaluate, EvalRequest, SelectOptions, SelectionResult, CandidateOutcome, StageRecord, Slots } from "./select/selector.js";
export type { PartIdentity } from "./registry.js";
export { createSelector, SELECTORS, SELECTOR_REGISTRY, type SelectorName } from "./select/index.js";
export type { Model, ModelSpec, Capabilities } from "./model/types.js";
export { parseSpec, DEFAULT_MODEL } from "./model/spec.js";
export { BACKEND_REGISTRY, BACKENDS, type BackendEntry } from "./model/backends.js";
export type { BudgetLimits } from "./gateway/budget.js";
export type { PriceTable, Price } from "./accounting/prices.js";
export { DEFAULT_PRICES, loadPrices } from "./accounting/prices.js";
export { Store } from "./store/store.js";
export type { RunRow, SuiteRow, CandidateRow, EvaluationRow, CallRow } from "./store/rows.js";
export type { LineageEntry, ParentLink, ShownExample } from "./store/lineage.js";
export { readResult } from "./read-result.js";
