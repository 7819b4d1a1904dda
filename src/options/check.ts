/**
 * The one validator of the search settings: the table's schemas, with messages that name the
 * setting as its reader knows it (the library option `seed`, or the flag `--seed`).
 */
import { UsageError } from "../errors.js";
import { SETTINGS, settingEntries, type SettingKey, type SettingMeta, type SettingsValues } from "./table.js";

/** How a message names a setting and shows its value: as the library option, or as the flag. */
export interface SettingName {
  readonly label: (key: SettingKey, meta: SettingMeta) => string;
  readonly shown: (value: unknown, meta: SettingMeta) => unknown;
}

/** Library option names and units: `seed`, `timeoutMs` in milliseconds. */
export const optionName: SettingName = { label: (key) => key, shown: (value) => value };
/** Command-line flag names and units: `--seed`, `--timeout` in seconds. */
export const flagName: SettingName = {
  label: (_key, meta) => `--${meta.flag}`,
  shown: (value, meta) => (typeof value === "number" && meta.scale !== undefined ? value / meta.scale : value),
};

/** `values` checked against the table, defaults applied; a bad value is a UsageError naming it with `name`. */
export function checkSettings(values: Readonly<Record<string, unknown>>, name: SettingName = optionName): SettingsValues {
  const parsed = SETTINGS.safeParse(values);
  if (parsed.success) return parsed.data;
  const bad = parsed.error.issues[0]?.path[0];
  const entry = settingEntries().find((e) => e.key === bad);
  if (entry === undefined) throw new UsageError(`invalid search settings: ${parsed.error.message}`);
  const got = name.shown(values[entry.key], entry.meta);
  const label = name.label(entry.key, entry.meta);
  const notNumber = entry.meta.kind === "number" && !(typeof got === "number" && Number.isFinite(got));
  throw new UsageError(notNumber ? `${label} needs a number (got ${String(got)}).` : `${label} must be ${entry.meta.rule} (got ${String(got)}).`);
}
