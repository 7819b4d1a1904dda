/**
 * The options of a search: the library's types, `resolve` (defaults and validation, from the
 * option table in `options/table.ts`), and the run's stored config and hash.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import type { BudgetLimits } from "../gateway/budget.js";
import { stableJson } from "../stable-json.js";
import type { GgufOptions } from "../model/gguf/gguf-options.js";
import { DEFAULT_PRICES, type PriceTable } from "../accounting/prices.js";
import type { RetryPolicy } from "../model/retry.js";
import type { Model } from "../model/types.js";
import type { SelectorName } from "../select/index.js";
import type { Selector } from "../select/selector.js";
import type { Store } from "../store/store.js";
import { identityText, type PartIdentity } from "../registry.js";
import type { SearchEvent } from "../events.js";
import type { Task } from "../task/types.js";
import { isMetric, type Metric } from "../metrics/metric.js";
import type { RunMetric } from "../metrics/resolve.js";
import type { MetricSpec } from "../metrics/spec.js";
import { answerSettings, isDefaultAnswer } from "../task/answer.js";
import { checkSettings } from "./check.js";
import { targetFormat } from "../score/format.js";
import { identitySettings, storedSettings } from "./stored.js";
import type { SettingsInput, SettingsValues } from "./table.js";

export { DEFAULT_SELECTOR, MODES, type ProposalMode } from "./table.js";

/**
 * Everything `search()` accepts. Every field but `task` has a default. The plain settings (scorer,
 * mode, candidates, … cache) are declared once, with their defaults, in `options/table.ts`.
 */
export interface SearchOptions extends Readonly<SettingsInput> {
  /** The task: loaded, or the path of a task file. */
  readonly task: Task | string;
  /** Spec of the model for both roles. @default the embedded GGUF model (DEFAULT_MODEL) */
  readonly model?: string | undefined;
  /** Spec of the proposer; overrides `model`. */
  readonly proposer?: string | undefined;
  /** Spec of the target; overrides `model`. */
  readonly target?: string | undefined;
  /**
   * How answers are scored (execution accuracy), replacing the task's `metric`: a built-in's name
   * (`"f1"`), a metric of yours (`defineMetric({ name, version, score })`: a function of the
   * prediction and the example, sync or async, returning a score in [0, 1] or `{score, feedback}`),
   * a module that exports one (`{ module: "./my-metric.mjs", export: "lenient" }`, the path
   * relative to the working directory), or an LLM judge (`{ judge: { rubric } }`). Its name and
   * version are part of the run's identity: another version is another run. A metric that throws
   * or gives no score in [0, 1] fails the run with a MetricError (never a silent 0).
   * @default the task's metric
   */
  readonly metric?: Metric | MetricSpec | undefined;
  /** Spec of the judge's model, for a judge metric (the run's third role). @default the proposer's model */
  readonly judgeModel?: string | undefined;
  /** Base URLs for HTTP specs (several = replicas). @default the backend's default URL */
  readonly baseUrls?: readonly string[] | undefined;
  /** Bearer token for the servers; never stored or printed. */
  readonly apiKey?: string | undefined;
  /** Selection strategy (a name, or your own Selector). @default "multistage" */
  readonly selector?: SelectorName | Selector | undefined;
  /** The results database: a path or an open Store. @default "results/ape.db" */
  readonly db?: string | Store | undefined;
  readonly budget?: BudgetLimits | undefined;
  readonly prices?: PriceTable | undefined;
  /** Retries of transient faults (429, 5xx, dropped connections, garbled answers). @default DEFAULT_RETRY (8 attempts, 250 ms doubling to 20 s) */
  readonly retry?: RetryPolicy | undefined;
  /**
   * Continue the newest unfinished run with the same settings, if any; a UsageError when another
   * live process is running it (a run is never run twice at once). @default true
   */
  readonly resume?: boolean | undefined;
  /** Continue exactly this run (`ape resume`); its settings must match these options. */
  readonly runId?: string | undefined;
  readonly onEvent?: ((event: SearchEvent) => void) | undefined;
  /**
   * Stops the search as Ctrl-C does: nothing new is sent, the requests already sent have 5 s to be
   * answered and recorded, then the run is marked cancelled and the search throws CancelledError.
   */
  readonly signal?: AbortSignal | undefined;
  /** Settings of the in-process gguf backend (cache folder, threads, sequences, GPU). */
  readonly gguf?: Omit<GgufOptions, "onDownloadProgress" | "onLog"> | undefined;
  /** Ready-made models (tests, custom backends) instead of building them from the specs. */
  readonly models?: { readonly proposer?: Model; readonly target?: Model; readonly judge?: Model } | undefined;
}

/** Every search option but the task and what belongs to one call (the run to continue, the event sink). */
export type SearchSettings = Omit<SearchOptions, "task" | "runId" | "onEvent">;

/** Options with defaults applied. */
export type Resolved = SettingsValues;

/** Apply defaults and check values; a bad value is a UsageError naming the option. */
export function resolve(o: SearchSettings): Resolved {
  return checkSettings(o);
}

/**
 * The stored config of a run (what `ape resume` needs, never a key) and its hash: the run's
 * identity, made of the task (its templates and answer settings included), each part's identity
 * (the models' specs, the selector's name and settings, the metric's name and version where it is
 * not the task's own built-in one; the scorer and proposers are named by the settings), the
 * identity settings and the target format where it is chat. A part at its defaults is its bare
 * name, as in runs stored before parts had settings.
 */
export function runConfig(
  o: SearchSettings,
  r: Resolved,
  task: Task,
  specs: { proposer: string; target: string },
  selector: PartIdentity,
  metric?: RunMetric,
): { readonly json: string; readonly hash: string } {
  const content = taskHash(task);
  // The chat format is a different run; the completion format is how every run before it was sent.
  const format = targetFormat(task, r.targetFormat) === "chat" ? { targetFormat: "chat" } : {};
  const metricIdentity = metric?.identity === undefined ? {} : { metric: metric.identity };
  const identity = { taskHash: content, ...specs, selector: identityText(selector), ...metricIdentity, ...identitySettings(r), ...format };
  const hash = createHash("sha256").update(stableJson(identity)).digest("hex").slice(0, 32);
  const json = stableJson({
    task: existsSync(task.source) ? resolvePath(task.source) : task.source,
    taskHash: content,
    references: task.references,
    ...settingsConfig(o, r, specs, selector),
  });
  return { json, hash };
}

/**
 * The hash of a task's content (examples and splits, templates, metric, references): part of a
 * run's identity, and the key its examples are stored under (`tasks.hash`).
 */
export function taskHash(task: Task): string {
  const answer = answerSettings(task.answer);
  return createHash("sha256")
    .update(
      stableJson({
        splits: task.splits,
        templates: task.templates,
        metric: task.metric,
        references: task.references,
        // Only answer settings other than the defaults, so that tasks written before them keep their hash.
        ...(isDefaultAnswer(answer) ? {} : { answer }),
      }),
    )
    .digest("hex");
}

/** The stored settings of a search that do not depend on its task (a run's config holds them, as does a suite's). */
export function settingsConfig(
  o: SearchSettings,
  r: Resolved,
  specs: { proposer: string; target: string },
  selector: PartIdentity,
): Readonly<Record<string, unknown>> {
  const table = o.prices ?? DEFAULT_PRICES;
  const models = [specs.proposer, specs.target].map((spec) => spec.slice(spec.indexOf(":") + 1));
  const prices = Object.fromEntries(models.filter((m) => table[m] !== undefined).map((m) => [m, table[m]]));
  return {
    prices,
    ...specs,
    baseUrls: o.baseUrls ?? [],
    selector: selector.name,
    selectorSettings: selector.settings,
    budget: o.budget ?? {},
    metric: storedMetric(o.metric),
    judgeModel: o.judgeModel ?? null,
    ...storedSettings(o, r),
  };
}

/**
 * The metric option as a config stores it: a spec as given (a module's path absolute where the
 * command line gave it), a metric object as its name and version (the command line cannot call
 * it: such a run is continued from the program that passed it), none as null.
 */
function storedMetric(metric: SearchSettings["metric"]): unknown {
  if (metric === undefined) return null;
  return isMetric(metric) ? { function: metric.name, version: metric.version } : metric;
}
