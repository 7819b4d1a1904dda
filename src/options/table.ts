/**
 * The one declaration of every plain search setting: its type, default and valid values (a zod
 * schema), and how it shows on the command line (flag, help text, group), whether it is part of a
 * run's identity, and whether `ape resume` may change it. The library's option types, `resolve`,
 * the stored run config, the resume schema and the yargs flags are all read from this table, so
 * adding a setting is one entry here plus its use.
 */
import { z } from "zod";
import { SCORERS } from "../score/scorer.js";
import type { SelectorName } from "../select/selector.js";

/** How candidates are proposed. */
export const MODES = ["forward", "reverse", "both"] as const;
/** One proposal mode. */
export type ProposalMode = (typeof MODES)[number];

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
  /** Part of the run's identity: a different value is a different run (never resumed as this one). */
  readonly identity?: true;
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

/** Every plain search setting. The doc comments are those of the library's options. */
export const SETTINGS = z.object({
  /** How a candidate is scored: execution accuracy or mean log P(answer). @default "exec" */
  scorer: z
    .enum(SCORERS)
    .default("exec")
    .register(SETTING_META, {
      flag: "scorer",
      ...choiceFlag(SCORERS),
      describe: "exec: execution accuracy; logprob: mean log P(answer)",
      group: "Search:",
      identity: true,
    }),
  /** How instructions are proposed. @default "forward" */
  mode: z
    .enum(MODES)
    .default("forward")
    .register(SETTING_META, {
      flag: "mode",
      ...choiceFlag(MODES),
      describe: "How instructions are proposed",
      group: "Search:",
      identity: true,
    }),
  /** Instructions asked of the proposer (before de-duplication). @default 20 */
  candidates: whole(1)
    .default(20)
    .register(SETTING_META, {
      flag: "candidates",
      ...wholeFlag(1),
      describe: "Instructions asked of the proposer",
      group: "Search:",
      identity: true,
    }),
  /** Demo subsets the proposals are spread over. @default 5 */
  subsets: whole(1)
    .default(5)
    .register(SETTING_META, {
      flag: "subsets",
      ...wholeFlag(1),
      describe: "Demo subsets the proposals are spread over",
      group: "Search:",
      identity: true,
    }),
  /** Demos shown per subset. @default 5 */
  demos: whole(1)
    .default(5)
    .register(SETTING_META, { flag: "demos", ...wholeFlag(1), describe: "Demos shown per subset", group: "Search:", identity: true }),
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
  /** Resampling rounds. @default 0 */
  rounds: whole(0)
    .default(0)
    .register(SETTING_META, {
      flag: "rounds",
      ...wholeFlag(0),
      describe: "Resampling rounds (variants of the best)",
      group: "Search:",
      identity: true,
    }),
  /** Candidates varied per resampling round. @default 3 */
  topK: whole(1)
    .default(3)
    .register(SETTING_META, { flag: "top-k", ...wholeFlag(1), describe: "Candidates varied per round", group: "Search:", identity: true }),
  /** Variants asked for per varied candidate. @default 4 */
  variants: whole(1)
    .default(4)
    .register(SETTING_META, {
      flag: "variants",
      ...wholeFlag(1),
      describe: "Variants asked for per varied candidate",
      group: "Search:",
      identity: true,
    }),
  /** Seed of every random choice. @default 0 */
  seed: whole(0)
    .default(0)
    .register(SETTING_META, { flag: "seed", ...wholeFlag(0), describe: "Seed of every random choice", group: "Search:", identity: true }),
  /** Requests in flight per model. @default 8 */
  concurrency: whole(1)
    .default(8)
    .register(SETTING_META, {
      flag: "concurrency",
      ...wholeFlag(1),
      describe: "Requests in flight per model",
      group: "Budget and limits:",
      resumable: true,
    }),
  /** Most prompts per request where the server takes lists. @default 16 */
  batch: whole(1)
    .default(16)
    .register(SETTING_META, {
      flag: "batch",
      ...wholeFlag(1),
      describe: "Most prompts per request where the server takes lists (1 = one prompt per request)",
      group: "Budget and limits:",
      resumable: true,
    }),
  /** Most requests started per second, per model (retries included). @default unlimited */
  rps: z
    .number()
    .positive()
    .optional()
    .register(SETTING_META, {
      flag: "rps",
      ...positiveFlag,
      describe: "Most requests started per second, per model (retries included)",
      defaultText: "unlimited",
      group: "Budget and limits:",
      resumable: true,
    }),
  /** Most tokens (prompt + most completion) sent per minute, per model. @default unlimited */
  tpm: z
    .number()
    .positive()
    .optional()
    .register(SETTING_META, {
      flag: "tpm",
      ...positiveFlag,
      describe: "Most tokens (prompt + max completion) sent per minute, per model",
      defaultText: "unlimited",
      group: "Budget and limits:",
      resumable: true,
    }),
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
