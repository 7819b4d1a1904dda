/**
 * Rebuilding a run's search options from its stored config (`runs.config`), or a suite's from
 * `suites.config`, for `ape resume`.
 * The config never holds a key: the key comes from the environment again. Flags given to resume
 * replace the stored budget, limits and prices (so a budget-stopped run can get a larger budget).
 */
import { z } from "zod";
import { UsageError } from "../errors.js";
import { MODES, type SearchOptions, type SearchSettings } from "../options.js";
import { DEFAULT_PRICES, loadPrices } from "../model/prices.js";
import type { RunRow, SuiteRow } from "../store/rows.js";
import { readSuitePlan } from "../suite/config.js";
import type { SuiteOptions } from "../suite/options.js";
import { SCORERS } from "../score/scorer.js";
import { SELECTORS } from "../select/selector.js";
import type { CliContext } from "./context.js";
import { toGgufOptions } from "./search-flags.js";

const optionalNumber = z.number().nullish();

const storedSettings = z.object({
  proposer: z.string(),
  target: z.string(),
  baseUrls: z.array(z.string()).default([]),
  selector: z.enum(SELECTORS),
  evalBudget: optionalNumber,
  budget: z.object({ maxCalls: optionalNumber, maxTokens: optionalNumber, maxCostUsd: optionalNumber }).default({}),
  cache: z.boolean().default(true),
  prices: z.record(z.string(), z.object({ input: z.number(), output: z.number() })).default({}),
  rps: optionalNumber,
  tpm: optionalNumber,
  timeoutMs: optionalNumber,
  scorer: z.enum(SCORERS),
  mode: z.enum(MODES),
  candidates: z.number(),
  subsets: z.number(),
  demos: z.number(),
  rounds: z.number(),
  topK: z.number(),
  variants: z.number(),
  seed: z.number(),
  concurrency: z.number(),
  batch: z.number(),
});

const storedConfig = storedSettings.extend({ task: z.string() });

/** Flags of `ape resume` that replace what the run stored. */
export interface ResumeOverrides {
  readonly task?: string | undefined;
  readonly maxCalls?: number | undefined;
  readonly maxTokens?: number | undefined;
  readonly maxCost?: number | undefined;
  readonly prices?: string | undefined;
  readonly concurrency?: number | undefined;
  readonly batch?: number | undefined;
  readonly rps?: number | undefined;
  readonly tpm?: number | undefined;
  readonly timeout?: number | undefined;
  /** CPU threads of the in-process gguf backend (never stored with a run). */
  readonly threads?: number | undefined;
}

/** The options that continue `run`, with `overrides` applied. */
export function resumeOptions(run: RunRow, db: string, overrides: ResumeOverrides, ctx: CliContext): SearchOptions {
  const c = parseStored(storedConfig, run.config, `run ${run.id}`, db);
  return { ...settingsOptions(c, db, overrides, ctx), task: overrides.task ?? c.task, runId: run.id };
}

/** The options that continue `suite`: its stored settings and tasks, with `overrides` applied. */
export function suiteResumeOptions(suite: SuiteRow, db: string, overrides: ResumeOverrides, ctx: CliContext): SuiteOptions {
  const settings = settingsOptions(parseStored(storedSettings, suite.config, `suite ${suite.id}`, db), db, overrides, ctx);
  const plan = readSuitePlan(suite.config, suite.id);
  return { ...settings, tasks: plan.tasks.map((t) => t.file), parallel: plan.parallel, protocol: plan.protocol, suiteId: suite.id };
}

function parseStored<T extends z.ZodType>(schema: T, config: string, what: string, db: string): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(config);
  } catch {
    raw = undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new UsageError(`${what} in ${db} has no usable stored config (${first?.path.join(".") ?? ""}: ${first?.message ?? "not JSON"}); it was written by another version of ape and cannot be resumed. Start it again (\`ape search\`, \`ape suite\`).`);
  }
  return parsed.data;
}

function settingsOptions(c: z.infer<typeof storedSettings>, db: string, overrides: ResumeOverrides, ctx: CliContext): SearchSettings {
  const orUndefined = (v: number | null | undefined): number | undefined => v ?? undefined;
  return {
    proposer: c.proposer,
    target: c.target,
    baseUrls: c.baseUrls.length > 0 ? c.baseUrls : undefined,
    apiKey: ctx.env.OPENAI_API_KEY,
    scorer: c.scorer,
    mode: c.mode,
    candidates: c.candidates,
    subsets: c.subsets,
    demos: c.demos,
    selector: c.selector,
    evalBudget: orUndefined(c.evalBudget),
    rounds: c.rounds,
    topK: c.topK,
    variants: c.variants,
    seed: c.seed,
    db,
    cache: c.cache,
    budget: {
      maxCalls: overrides.maxCalls ?? orUndefined(c.budget.maxCalls),
      maxTokens: overrides.maxTokens ?? orUndefined(c.budget.maxTokens),
      maxCostUsd: overrides.maxCost ?? orUndefined(c.budget.maxCostUsd),
    },
    concurrency: overrides.concurrency ?? c.concurrency,
    batch: overrides.batch ?? c.batch,
    rps: overrides.rps ?? orUndefined(c.rps),
    tpm: overrides.tpm ?? orUndefined(c.tpm),
    prices: overrides.prices !== undefined ? loadPrices(overrides.prices) : { ...DEFAULT_PRICES, ...c.prices },
    timeoutMs: overrides.timeout !== undefined ? overrides.timeout * 1000 : orUndefined(c.timeoutMs),
    gguf: toGgufOptions(overrides),
    signal: ctx.signal,
  };
}
