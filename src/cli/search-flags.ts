/**
 * The flags of `ape search` (shared with `ape estimate`), documented where they are declared, and
 * their translation into library options. API keys come only from the environment.
 */
import type { Argv } from "yargs";
import { UsageError } from "../errors.js";
import { DEFAULT_SELECTOR, type SearchOptions, type SearchSettings } from "../options.js";
import { loadPrices } from "../model/prices.js";
import { DEFAULT_MODEL } from "../model/spec.js";
import { SELECTORS } from "../select/selector.js";
import { DEFAULT_DB } from "../store/database.js";
import type { CliContext } from "./context.js";
import { checkTableFlags, isTableFlag, settingsFromFlags, tableFlags } from "./setting-flags.js";

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
  return tableFlags(
    ggufFlags(
      y
        .option("model", {
          type: "string",
          describe: `Model for both roles, as backend:name (openai:, vllm:, sglang:, llamacpp:, ollama:, gguf:) [default: ${DEFAULT_MODEL}]`,
          group: "Models:",
        })
        .option("proposer", { type: "string", describe: "Model that writes the instructions (overrides --model)", group: "Models:" })
        .option("target", { type: "string", describe: "Model that follows them and is scored (overrides --model)", group: "Models:" })
        .option("base-url", {
          type: "string",
          array: true,
          describe: "Server URL, e.g. http://localhost:8000/v1; repeat for replicas [default: the backend's]",
          group: "Models:",
        }),
    ),
    "search",
  )
    .option("selector", { choices: SELECTORS, default: DEFAULT_SELECTOR, describe: "Selection strategy", group: "Search:" })
    .option("max-calls", { type: "number", describe: "Stop before more model calls than this", group: "Budget and limits:" })
    .option("max-tokens", { type: "number", describe: "Stop before more tokens than this", group: "Budget and limits:" })
    .option("max-cost", { type: "number", describe: "Stop before spending more USD than this", group: "Budget and limits:" })
    .option("prices", { type: "string", describe: 'JSON file of prices: {"model": {"input": USD/1M, "output": USD/1M}}', group: "Budget and limits:" })
    .option("fresh", {
      type: "boolean",
      default: false,
      describe: "Start a new run even if an unfinished one with the same settings exists",
      group: "Results:",
    })
    .option("db", { type: "string", describe: `Results database [default: $APE_DB or ${DEFAULT_DB}]`, group: "Results:" })
    .check(checkNumberFlags)
    .check(checkTableFlags);
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
    baseUrls: argv["base-url"],
    apiKey: ctx.env.OPENAI_API_KEY,
    ...settingsFromFlags(argv),
    selector: argv.selector,
    db: dbPath(argv.db, ctx),
    budget: { maxCalls: argv["max-calls"], maxTokens: argv["max-tokens"], maxCostUsd: argv["max-cost"] },
    prices: loadPrices(argv.prices),
    resume: !argv.fresh,
    gguf: toGgufOptions(argv),
    signal: ctx.signal,
  };
}

/** The database path from `--db`, then `APE_DB`, then the default. */
export function dbPath(flag: string | undefined, ctx: CliContext): string {
  return flag ?? ctx.env.APE_DB ?? DEFAULT_DB;
}
