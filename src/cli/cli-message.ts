/**
 * Error messages as the command line says them: the library's option names become the flags that
 * set them (from the option table, src/options/table.ts, and the flags declared beside it), and a
 * way to continue a run becomes the `ape resume` command, with `--db` when the run is in a file
 * other than the one the command would open by itself.
 */
import { resolve } from "node:path";
import type { ApeError } from "../errors.js";
import { type Naming, type OptionName, type OptionRef, render, type ResumeRef } from "../message.js";
import { settingEntries, type SettingKey } from "../options/table.js";
import type { CliContext } from "./context.js";
import { dbPath } from "./open-store.js";

/** The flags (or variable) of the options the table does not declare. */
const OTHER_FLAGS: Readonly<Record<Exclude<OptionName, SettingKey>, string>> = {
  baseUrls: "--base-url",
  apiKey: "OPENAI_API_KEY",
  "budget.maxCalls": "--max-calls",
  "budget.maxTokens": "--max-tokens",
  "budget.maxCostUsd": "--max-cost",
  prices: "--prices FILE",
  parallel: "--parallel",
  tasks: "--tasks",
  protocol: "--protocol",
  metric: "--metric",
  judgeModel: "--judge-model",
};

/** The flag that sets `name` on the command line. */
export function flagOf(name: OptionName): string {
  const entry = settingEntries().find((e) => e.key === name);
  return entry === undefined ? OTHER_FLAGS[name as Exclude<OptionName, SettingKey>] : `--${entry.meta.flag}`;
}

/** A path as a shell reads it back: quoted when it holds anything but plain characters. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}

/** The command line's names, for a command run with environment `env` (whose `APE_DB` is the default database). */
export function cliNaming(env: CliContext["env"]): Naming {
  const defaultDb = resolve(dbPath(undefined, { env }));
  return {
    option: (ref: OptionRef) => (ref.value === undefined ? flagOf(ref.option) : `${flagOf(ref.option)} ${ref.value}`),
    resume: (ref: ResumeRef) => `\`ape resume ${ref.resume}${resolve(ref.db) === defaultDb ? "" : ` --db ${shellWord(ref.db)}`}\``,
  };
}

/** `error`'s message in the command line's words. */
export function cliMessage(error: ApeError, env: CliContext["env"]): string {
  return render(error.parts, cliNaming(env));
}
