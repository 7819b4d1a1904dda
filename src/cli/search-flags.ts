/**
 * The flags of `ape search` (shared with `ape estimate`), documented where they are declared, and
 * their translation into library options. API keys come only from the environment.
 */
import type { Argv } from "yargs";
import { UsageError } from "../errors.js";
import { DEFAULT_SELECTOR, type SearchOptions, type SearchSettings } from "../options/search-options.js";
import { loadPrices } from "../accounting/prices.js";
import { DEFAULT_MODEL } from "../model/spec.js";
import { SELECTOR_REGISTRY, SELECTORS } from "../select/index.js";
import { BACKENDS } from "../model/backends.js";
import type { BudgetLimits } from "../gateway/budget.js";
import type { CliContext } from "./context.js";
import { dbFlag, dbPath } from "./open-store.js";
import { metricFromFlag } from "./metric-flag.js";
import { METRICS } from "../metrics/registry.js";
import { checkTableFlags, type FlagUse, isTableFlag, settingsFromFlags, tableFlags } from "./setting-flags.js";

/**
 * Declare the flags of the in-process gguf backend, shared by `ape search` and `ape resume` (a run
 * does not store them: they say how this machine runs the model, not what the run is).
 */
export function ggufFlags<T>(y: Argv<T>) {
  return y.option("threads", { type: "number", describe: "CPU threads of the in-process gguf backend [default: node-llama-cpp's]", group: "Models:" });
}

/** The gguf backend's options from its flags. */
export function toGgufOptions(argv: { readonly threads?: number | undefined }): NonNullable<SearchOptions["gguf"]> {
  return argv.threads === undefined ? {} : { threads: argv.threads };
}

/** Declare the search flags on a yargs builder. */
export function searchFlags<T>(y: Argv<T>) {
  return settingsFlags(
    y.option("task", { type: "string", demandOption: true, describe: "Task file (JSON or JSONL), e.g. tasks/antonyms.json", group: "Task:" }),
  ).check((argv) => {
    if (argv.task.trim() === "") throw new UsageError("--task needs a task file, e.g. --task tasks/antonyms.json");
    return true;
  });
}

/** Declare every search flag but `--task` (shared by `ape search`, `ape estimate` and `ape suite`). */
export function settingsFlags<T>(y: Argv<T>) {
  const models = ggufFlags(
    y
      .option("model", {
        type: "string",
        describe: `Model for both roles, as backend:name (${BACKENDS.map((b) => `${b}:`).join(", ")}) [default: ${DEFAULT_MODEL}]`,
        group: "Models:",
      })
      .option("proposer", { type: "string", describe: "Model that writes the instructions (overrides --model)", group: "Models:" })
      .option("target", { type: "string", describe: "Model that follows them and is scored (overrides --model)", group: "Models:" })
      .option("judge-model", {
        type: "string",
        describe: "Model that grades the answers, for a task whose metric is a judge [default: the proposer's]",
        group: "Models:",
      })
      .option("base-url", {
        type: "string",
        array: true,
        describe: "Server URL, e.g. http://localhost:8000/v1; repeat for replicas [default: the backend's]",
        group: "Models:",
      }),
  );
  const search = tableFlags(models, "search")
    .option("selector", {
      choices: SELECTORS,
      default: DEFAULT_SELECTOR,
      describe: `Selection strategy (${SELECTOR_REGISTRY.map((e) => `${e.name}: ${e.describe}`).join("; ")})`,
      group: "Search:",
    })
    .option("metric", {
      type: "string",
      describe: `How answers are scored, replacing the task's metric: ${METRICS.join(", ")}, or a module of yours as FILE#EXPORT (e.g. ./my-metric.mjs#lenient) [default: the task's]`,
      group: "Search:",
    });
  return dbFlag(
    budgetFlags(search, "search").option("fresh", {
      type: "boolean",
      default: false,
      describe: "Start a new run even if an unfinished one with the same settings exists",
      group: "Results:",
    }),
  )
    .check(checkNumberFlags)
    .check(checkTableFlags);
}

/** The help of the budget flags: limits of a new search, or the new budget of a stopped run. */
const BUDGET_HELP = {
  search: {
    calls: "Stop before more model calls than this",
    tokens: "Stop before more tokens than this",
    cost: "Stop before spending more USD than this",
    prices: 'JSON file of prices: {"model": {"input": USD/1M, "output": USD/1M}}',
  },
  resume: {
    calls: "New call budget for the whole run (calls already paid count)",
    tokens: "New token budget for the whole run",
    cost: "New cost budget in USD for the whole run",
    prices: "JSON price file [default: the prices the run started with]",
  },
} as const;

/** Declare the budget flags (`--max-calls`, `--max-tokens`, `--max-cost`, `--prices`) of a search, or of `ape resume`. */
export function budgetFlags<T>(y: Argv<T>, use: FlagUse) {
  const help = BUDGET_HELP[use];
  const group = "Budget and limits:";
  return y.options({
    "max-calls": { type: "number", describe: help.calls, group },
    "max-tokens": { type: "number", describe: help.tokens, group },
    "max-cost": { type: "number", describe: help.cost, group },
    prices: { type: "string", describe: help.prices, group },
  });
}

/** The budget limits given by the budget flags (a limit not given is undefined). */
export function budgetFromFlags(argv: BudgetFlagValues): BudgetLimits {
  return { maxCalls: argv["max-calls"], maxTokens: argv["max-tokens"], maxCostUsd: argv["max-cost"] };
}

/** The values of the budget flags. */
export interface BudgetFlagValues {
  readonly "max-calls"?: number | undefined;
  readonly "max-tokens"?: number | undefined;
  readonly "max-cost"?: number | undefined;
  readonly prices?: string | undefined;
}

/**
 * A yargs check shared by the commands that run a search: every number flag outside the option
 * table (which checks its own) is a number and not negative.
 */
export function checkNumberFlags(argv: Readonly<Record<string, unknown>>): true {
  for (const [flag, value] of Object.entries(argv)) {
    if (isTableFlag(flag)) continue;
    if (typeof value === "number" && !Number.isFinite(value)) throw new UsageError(`--${flag} needs a number (got something else).`);
    if (typeof value === "number" && value < 0) throw new UsageError(`--${flag} must not be negative (got ${value}).`);
  }
  return true;
}

/** The parsed flags. */
export type SearchFlags = Awaited<ReturnType<ReturnType<typeof searchFlags>["parseAsync"]>>;

/** The parsed flags of every search setting but the task. */
export type SettingsFlags = Awaited<ReturnType<ReturnType<typeof settingsFlags>["parseAsync"]>>;

/** Library options from the flags and the environment. */
export function toSearchOptions(argv: SearchFlags, ctx: CliContext): SearchOptions {
  return { task: argv.task, ...toSettingsOptions(argv, ctx) };
}

/** Library options, all but the task, from the flags and the environment. */
export function toSettingsOptions(argv: SettingsFlags, ctx: CliContext): SearchSettings {
  return {
    model: argv.model,
    proposer: argv.proposer,
    target: argv.target,
    judgeModel: argv["judge-model"],
    metric: metricFromFlag(argv.metric),
    baseUrls: argv["base-url"],
    apiKey: ctx.env.OPENAI_API_KEY,
    ...settingsFromFlags(argv),
    selector: argv.selector,
    db: dbPath(argv.db, ctx),
    budget: budgetFromFlags(argv),
    prices: loadPrices(argv.prices),
    resume: !argv.fresh,
    gguf: toGgufOptions(argv),
    signal: ctx.signal,
  };
}
