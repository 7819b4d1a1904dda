/**
 * The one declaration of every plain search setting: its type, default and valid values (a zod
 * schema), and how it shows on the command line (flag, help text, group), whether it is part of a
 * run's identity, and whether `ape resume` may change it. The library's option types, `resolve`,
 * the stored run config, the resume schema and the yargs flags are all read from this table, so
 * adding a setting is one entry here plus its use.
 */
import { z } from "zod";
import { SCORER_REGISTRY, SCORERS } from "../score/registry.js";
import type { SelectorName } from "../select/index.js";
import { MIN_EVIDENCE, RACE_WIDTH } from "../select/selector.js";
import { DEFAULT_CONCURRENCY } from "../model/types.js";
import { TARGET_FORMATS } from "../task/types.js";
import { REFINE_MODES, type RefineMode } from "../propose/refine.js";

/** How candidates are proposed. */
export const MODES = ["forward", "reverse", "both"] as const;
/** One proposal mode. */
export type ProposalMode = (typeof MODES)[number];

/**
 * How rounds refine the best when `refine` is not given. On the refine benchmark (`npm run bench --
 * refine`, a simulated proposer) `both` ends highest (0.953 on the test split, the whole rule in 20
 * seeds of 20; resample 0.945, reflect 0.941), and where a reflection is no likelier to improve
 * than a variant it still matches resample (0.941), where reflect alone falls behind (0.909).
 */
export const DEFAULT_REFINE: RefineMode = "both";

/** Selection strategy when none is named (the paper's adaptive multi-stage filtering). */
export const DEFAULT_SELECTOR: SelectorName = "multistage";

/** Where a flag shows in `--help`. */
export type FlagGroup = "Models:" | "Search:" | "Budget and limits:" | "Results:";

/** How one setting shows on the command line and is kept with a run. */
export interface SettingMeta {
  /** The flag's name (kebab-case), e.g. `top-k`. */
  readonly flag: string;
  /** yargs type of the flag; `choices` for a closed set. */
  readonly kind: "number" | "boolean" | { readonly choices: readonly string[] };
  /** What a valid value is, for messages: "`--seed` must be <rule>". */
  readonly rule: string;
  readonly describe: string;
  readonly group: FlagGroup;
  /** Help text for a flag with no default value, e.g. "unlimited". */
  readonly defaultText?: string;
  /** The library value is the flag value times this (`--timeout` is in seconds, `timeoutMs` not). */
  readonly scale?: number;
  /**
   * Part of the run's identity: a different value is a different run (never resumed as this one).
   * `unless-default`: only a value other than the default is, so runs stored before the setting
   * existed (which ran at its default) keep their identity. A function: part of it where it says so
   * of the resolved settings.
   */
  readonly identity?: true | "unless-default" | ((settings: Readonly<Record<string, unknown>>) => boolean);
  /** `ape resume` may replace the stored value with its flag. */
  readonly resumable?: true;
  /** The run's config keeps the value as given (null when unset), not the default. */
  readonly storeGiven?: true;
}

/** The metadata of each setting's schema. */
export const SETTING_META = z.registry<SettingMeta>();

const whole = (min: number) => z.number().int().min(min);
/** The flag kind and message rule of a whole number setting. */
const wholeFlag = (min: number) => ({ kind: "number", rule: `a whole number ≥ ${min}` }) as const;
/** The flag kind and message rule of a positive number setting. */
const positiveFlag = { kind: "number", rule: "a positive number" } as const;
/** The flag kind and message rule of a setting with a closed set of values. */
const choiceFlag = (values: readonly string[]) => ({ kind: { choices: values }, rule: `one of ${values.join(", ")}` });

/** One of `values`, `fallback` when not given: a search setting that is part of the run's identity. */
const searchChoice = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number], flag: string, describe: string) =>
  z
    .enum(values)
    .default(fallback)
    .register(SETTING_META, { flag, ...choiceFlag(values), describe, group: "Search:", identity: true });

/** A whole number ≥ `min`, `fallback` when not given: a search setting that is part of the run's identity. */
const searchCount = (min: number, fallback: number, flag: string, describe: string) =>
  whole(min)
    .default(fallback)
    .register(SETTING_META, { flag, ...wholeFlag(min), describe, group: "Search:", identity: true });

/** A whole number ≥ 1, `fallback` when not given: a limit that `ape resume` may change. */
const limitCount = (fallback: number, flag: string, describe: string) =>
  whole(1)
    .default(fallback)
    .register(SETTING_META, { flag, ...wholeFlag(1), describe, group: "Budget and limits:", resumable: true });

/** A rate limit: a positive number, unlimited when not given, that `ape resume` may change. */
const rateLimit = (flag: string, describe: string) =>
  z
    .number()
    .positive()
    .optional()
    .register(SETTING_META, {
      flag,
      ...positiveFlag,
      describe,
      defaultText: "unlimited",
      group: "Budget and limits:",
      resumable: true,
    });

/** Every plain search setting. The doc comments are those of the library's options. */
export const SETTINGS = z.object({
  /** How a candidate is scored: execution accuracy or mean log P(answer). @default "exec" */
  scorer: searchChoice(SCORERS, "exec", "scorer", SCORER_REGISTRY.map((e) => `${e.name}: ${e.describe}`).join("; ")),
  /**
   * How the target is sent the eval template: `chat` (messages, rendered by the model's own chat
   * template), `completion` (text to continue), or `auto`: the task's `targetFormat`, else chat for
   * an eval template of messages and completion for one text. The format used (not this value) is
   * part of the run's identity. @default "auto"
   */
  targetFormat: z
    .enum(TARGET_FORMATS)
    .default("auto")
    .register(SETTING_META, {
      flag: "target-format",
      ...choiceFlag(TARGET_FORMATS),
      describe: "How the target is sent the eval template: chat messages, text to continue, or auto (chat for a message-list template)",
      group: "Models:",
    }),
  /** How instructions are proposed. @default "forward" */
  mode: searchChoice(MODES, "forward", "mode", "How instructions are proposed"),
  /** Instructions asked of the proposer (before de-duplication). @default 20 */
  candidates: searchCount(1, 20, "candidates", "Instructions asked of the proposer"),
  /** Demo subsets the proposals are spread over. @default 5 */
  subsets: searchCount(1, 5, "subsets", "Demo subsets the proposals are spread over"),
  /** Demos shown per subset. @default 5 */
  demos: searchCount(1, 5, "demos", "Demos shown per subset"),
  /** Most (candidate, example) evaluations per selection. @default pool size × eval split size */
  evalBudget: z.number().min(0).optional().register(SETTING_META, {
    flag: "eval-budget",
    kind: "number",
    rule: "a number ≥ 0",
    describe: "Most candidate×example evaluations per selection",
    defaultText: "pool × eval split",
    group: "Search:",
    identity: true,
  }),
  /**
   * Eval examples a selection's winner is scored on at least (the whole split when it is smaller):
   * no winner is declared on a mean over a handful of examples. @default 20
   */
  minEvidence: searchCount(1, MIN_EVIDENCE, "min-evidence", "Eval examples the winner is confirmed on at least (or the whole eval split when smaller)"),
  /** Refining rounds (children of the best, written as `refine` says). @default 0 */
  rounds: searchCount(0, 0, "rounds", "Refining rounds (children of the best, as --refine says)"),
  /**
   * How rounds write children of the best: `resample` (variants), `reflect` (improvements written
   * from their failures, and a merge of two from the Pareto front), or `both`. @default DEFAULT_REFINE
   */
  refine: z
    .enum(REFINE_MODES)
    .default(DEFAULT_REFINE)
    .register(SETTING_META, {
      flag: "refine",
      ...choiceFlag(REFINE_MODES),
      describe: "How rounds write children of the best: resample (variants), reflect (from their failures, plus a merge of two), both",
      group: "Search:",
      // Runs stored before refine existed ran their rounds by resampling, and without rounds nothing
      // is refined: those keep their identity; reflect or both with rounds is another run.
      identity: (settings) => Number(settings.rounds) > 0 && settings.refine !== "resample",
    }),
  /** Candidates refined per round. @default 3 */
  topK: searchCount(1, 3, "top-k", "Candidates refined per round (the best, then from the Pareto front)"),
  /** Children asked for per refined candidate (a merge: half as many). @default 4 */
  variants: searchCount(1, 4, "variants", "Children asked for per refined candidate"),
  /** Seed of every random choice. @default 0 */
  seed: searchCount(0, 0, "seed", "Seed of every random choice"),
  /**
   * Most challengers raced against the leader per step (multistage): wider steps are fewer, larger
   * requests at the price of some evaluations. A setting of the run, never derived from
   * `concurrency`, so a limit does not change the ranking. @default 3
   */
  raceWidth: whole(1)
    .default(RACE_WIDTH)
    .register(SETTING_META, {
      flag: "race-width",
      ...wholeFlag(1),
      describe: "Most challengers raced against the leader per step (multistage)",
      group: "Search:",
      identity: "unless-default",
    }),
  /** Requests in flight per model (the probe's included). @default 8 */
  concurrency: limitCount(DEFAULT_CONCURRENCY, "concurrency", "Requests in flight per model"),
  /** Most prompts per request where the server takes lists. @default 16 */
  batch: limitCount(16, "batch", "Most prompts per request where the server takes lists (1 = one prompt per request)"),
  /** Most requests started per second, per model (retries included). @default unlimited */
  rps: rateLimit("rps", "Most requests started per second, per model (retries included)"),
  /** Most tokens (prompt + most completion) sent per minute, per model. @default unlimited */
  tpm: rateLimit("tpm", "Most tokens (prompt + max completion) sent per minute, per model"),
  /** Per-request timeout in milliseconds. @default 120000 */
  timeoutMs: z
    .number()
    .positive()
    .default(120_000)
    .register(SETTING_META, {
      flag: "timeout",
      ...positiveFlag,
      scale: 1000,

      describe: "Seconds before a request is abandoned and retried",
      group: "Models:",
      resumable: true,
      storeGiven: true,
    }),
  /** Answer repeated calls from the response cache. @default true */
  cache: z.boolean().default(true).register(SETTING_META, {
    flag: "cache",
    kind: "boolean",
    rule: "true or false",
    describe: "Answer repeated calls from the cache (--no-cache to bypass)",
    group: "Results:",
  }),
});

declare module "../message.js" {
  /** The plain settings are options a message may name. */
  interface OptionNames extends Readonly<Record<SettingKey, true>> {}
}

/** The settings as a caller gives them: every one optional. */
export type SettingsInput = z.input<typeof SETTINGS>;
/** The settings with defaults applied. */
export type SettingsValues = z.output<typeof SETTINGS>;
/** The name of one setting. */
export type SettingKey = keyof SettingsValues;

/** Each setting with its schema and metadata, in declaration order (the order of `--help`). */
export function settingEntries(): readonly { readonly key: SettingKey; readonly schema: z.ZodType; readonly meta: SettingMeta }[] {
  return SETTINGS.keyof().options.flatMap((key) => {
    const schema = SETTINGS.shape[key];
    const meta = SETTING_META.get(schema);
    return meta === undefined ? [] : [{ key, schema, meta }];
  });
}
