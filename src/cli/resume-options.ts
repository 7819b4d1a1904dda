/**
 * Rebuilding a run's search options from its stored config (`runs.config`), or a suite's from
 * `suites.config`, for `ape resume`.
 * The config never holds a key: the key comes from the environment again. Flags given to resume
 * replace the stored budget, limits and prices (so a budget-stopped run can get a larger budget).
 */
import { z } from "zod";
import { UsageError } from "../errors.js";
import type { SearchOptions, SearchSettings } from "../options/search-options.js";
import { parseStored, STORED_SETTINGS } from "../options/stored.js";
import { DEFAULT_PRICES, loadPrices } from "../accounting/prices.js";
import type { RunRow, SuiteRow } from "../store/rows.js";
import { readSuitePlan } from "../suite/config.js";
import type { SuiteOptions } from "../suite/options.js";
import { storedSelector } from "../select/index.js";
import type { CliContext } from "./context.js";
import { type BudgetFlagValues, toGgufOptions } from "./search-flags.js";
import { overrideSettings } from "./setting-flags.js";

const storedConfig = z.intersection(STORED_SETTINGS, z.object({ task: z.string() }));

/** Flags of `ape resume` that replace what the run stored (the table's resumable settings are read by their flag names too). */
export interface ResumeOverrides extends BudgetFlagValues {
  readonly task?: string | undefined;
  /** CPU threads of the in-process gguf backend (never stored with a run). */
  readonly threads?: number | undefined;
  readonly [flag: string]: unknown;
}

/** The options that continue `run`, with `overrides` applied. */
export function resumeOptions(run: RunRow, db: string, overrides: ResumeOverrides, ctx: CliContext): SearchOptions {
  const what = `run ${run.id} in ${db}`;
  const c = parseStored(storedConfig, run.config, what);
  return { ...settingsOptions(c, db, overrides, ctx, what), task: overrides.task ?? c.task, runId: run.id };
}

/** The options that continue `suite`: its stored settings and tasks, with `overrides` applied. */
export function suiteResumeOptions(suite: SuiteRow, db: string, overrides: ResumeOverrides, ctx: CliContext): SuiteOptions {
  const what = `suite ${suite.id} in ${db}`;
  const settings = settingsOptions(parseStored(STORED_SETTINGS, suite.config, what), db, overrides, ctx, what);
  const plan = readSuitePlan(suite.config, suite.id);
  return { ...settings, tasks: plan.tasks.map((t) => t.file), parallel: plan.parallel, protocol: plan.protocol, suiteId: suite.id };
}

function settingsOptions(c: z.infer<typeof STORED_SETTINGS>, db: string, overrides: ResumeOverrides, ctx: CliContext, what: string): SearchSettings {
  const { proposer, target, baseUrls, selector, selectorSettings, budget, prices, metric, judgeModel, ...stored } = c;
  const orUndefined = (v: number | null | undefined): number | undefined => v ?? undefined;
  if (metric !== undefined && typeof metric === "object" && "function" in metric)
    throw new UsageError(
      `${what} was scored by the metric ${metric.function} (version ${metric.version}) that a program passed to search() or suite(); the command line cannot call it. Continue it from that program, with the same options and the id.`,
    );
  return {
    ...overrideSettings(stored, overrides),
    proposer,
    target,
    metric,
    judgeModel,
    baseUrls: baseUrls.length > 0 ? baseUrls : undefined,
    apiKey: ctx.env.OPENAI_API_KEY,
    selector: storedSelector(selector, selectorSettings),
    db,
    budget: {
      maxCalls: overrides["max-calls"] ?? orUndefined(budget.maxCalls),
      maxTokens: overrides["max-tokens"] ?? orUndefined(budget.maxTokens),
      maxCostUsd: overrides["max-cost"] ?? orUndefined(budget.maxCostUsd),
    },
    prices: overrides.prices !== undefined ? loadPrices(overrides.prices) : { ...DEFAULT_PRICES, ...prices },
    gguf: toGgufOptions(overrides),
    signal: ctx.signal,
  };
}
