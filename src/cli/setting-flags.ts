/**
 * The flags of the option table (`options/table.ts`), declared on a command and read back: the same
 * defaults, help text and validation as the library, with messages that name the flag.
 */
import type { Argv, Options } from "yargs";
import { checkSettings, flagName } from "../options/check.js";
import { SETTINGS, settingEntries, type SettingMeta, type SettingsValues } from "../options/table.js";

/** Whether a command declares the settings with their defaults, or as overrides of a stored run (`ape resume`). */
export type FlagUse = "search" | "resume";

/** Declare the table's flags: every setting for `search`, the resumable ones (no default: as stored) for `resume`. */
export function tableFlags<T>(y: Argv<T>, use: FlagUse): Argv<T> {
  return settingEntries()
    .filter((e) => use === "search" || e.meta.resumable === true)
    .reduce((acc, e) => acc.option(e.meta.flag, flagOptions(e.meta, SETTINGS.shape[e.key].safeParse(undefined).data, use)), y);
}

function flagOptions(meta: SettingMeta, fallback: unknown, use: FlagUse): Options {
  const kind: Options = meta.kind === "number" || meta.kind === "boolean" ? { type: meta.kind } : { choices: meta.kind.choices };
  const shown = typeof fallback === "number" ? fallback / (meta.scale ?? 1) : fallback;
  if (use === "resume") return { ...kind, describe: `${meta.describe} [default: as stored]`, group: meta.group };
  const text = meta.defaultText === undefined ? "" : ` [default: ${meta.defaultText}]`;
  return { ...kind, describe: `${meta.describe}${text}`, group: meta.group, ...(shown === undefined ? {} : { default: shown }) };
}

/** The flag names of the table's settings, and their camel-case twins yargs adds (`top-k`, `topK`). */
export function isTableFlag(name: string): boolean {
  return settingEntries().some((e) => e.meta.flag === name || e.key === name);
}

/** A yargs check: the table's flags on the command line are valid (a bad one is a UsageError naming its flag). */
export function checkTableFlags(argv: Readonly<Record<string, unknown>>): true {
  settingsFromFlags(argv);
  return true;
}

/** The settings given on the command line, checked (a bad one is a UsageError naming its flag) and in library units. */
export function settingsFromFlags(argv: Readonly<Record<string, unknown>>): SettingsValues {
  return checkSettings(Object.fromEntries(settingEntries().map((e) => [e.key, inLibraryUnits(e.meta, argv[e.meta.flag])])), flagName);
}

/**
 * The resumable settings given to `ape resume` laid over those `stored`, checked (messages name the flag).
 * A flag not given keeps the stored value.
 */
export function overrideSettings(stored: SettingsValues, argv: Readonly<Record<string, unknown>>): SettingsValues {
  const given = settingEntries().filter((e) => e.meta.resumable === true && argv[e.meta.flag] !== undefined);
  return checkSettings({ ...stored, ...Object.fromEntries(given.map((e) => [e.key, inLibraryUnits(e.meta, argv[e.meta.flag])])) }, flagName);
}

function inLibraryUnits(meta: SettingMeta, value: unknown): unknown {
  return typeof value === "number" && meta.scale !== undefined ? value * meta.scale : value;
}
