/**
 * What a run (or suite) keeps of its settings, read from the option table: the values that make a
 * run's identity (its config hash), the values stored in its config, and the schema `ape resume`
 * reads them back with. Written and read here so the two cannot drift.
 */
import { z } from "zod";
import { UsageError } from "../errors.js";
import { SETTINGS, settingEntries, type SettingsInput, type SettingsValues } from "./table.js";
import { metricSpecSchema } from "../metrics/spec.js";

/** The settings that make a run's identity, unset ones as null (part of the config hash). */
export function identitySettings(r: SettingsValues): Readonly<Record<string, unknown>> {
  return Object.fromEntries(
    settingEntries()
      .filter((e) => {
        const identity = e.meta.identity;
        if (typeof identity === "function") return identity(r);
        return identity === true || (identity === "unless-default" && r[e.key] !== e.schema.safeParse(undefined).data);
      })
      .map((e) => [e.key, r[e.key] ?? null]),
  );
}

/** Every setting as a run's config stores it: the resolved value, or as given where the table says so; unset is null. */
export function storedSettings(given: Readonly<SettingsInput>, r: SettingsValues): Readonly<Record<string, unknown>> {
  return Object.fromEntries(settingEntries().map((e) => [e.key, (e.meta.storeGiven ? given[e.key] : r[e.key]) ?? null]));
}

const optionalNumber = z.number().nullish();

/**
 * Nulls (unset settings) read back as absent, so the table's defaults apply; a config stored before
 * `refine` existed ran its rounds by resampling, and reads back so.
 */
const absentNulls = (raw: unknown): unknown =>
  raw !== null && typeof raw === "object" && !Array.isArray(raw)
    ? { ...("refine" in raw ? {} : { refine: "resample" }), ...Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null)) }
    : raw;

/** A stored config's settings (a run's or a suite's), as `settingsConfig` writes them. */
export const STORED_SETTINGS = z.preprocess(
  absentNulls,
  SETTINGS.extend({
    proposer: z.string(),
    target: z.string(),
    baseUrls: z.array(z.string()).default([]),
    selector: z.string(),
    /** The selector's settings that differ from its defaults (absent in runs stored before selectors had an identity). */
    selectorSettings: z.record(z.string(), z.unknown()).default({}),
    budget: z.object({ maxCalls: optionalNumber, maxTokens: optionalNumber, maxCostUsd: optionalNumber }).default({}),
    prices: z.record(z.string(), z.object({ input: z.number(), output: z.number() })).default({}),
    /** The metric given to the search (absent: the task's own): a spec, or a metric function's name and version. */
    metric: z.union([metricSpecSchema, z.object({ function: z.string(), version: z.string() })]).optional(),
    judgeModel: z.string().optional(),
  }),
);

/**
 * A stored config (`runs.config`, `suites.config`) read back with `schema`.
 * @throws UsageError naming `what` (e.g. "run 3f9a2c1d in results/ape.db") and the first bad field when it does not fit.
 */
export function parseStored<T extends z.ZodType>(schema: T, config: string, what: string): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(config);
  } catch {
    raw = undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new UsageError(
      `${what} has no usable stored config (${first?.path.join(".") ?? ""}: ${first?.message ?? "not JSON"}); it was written by another version of ape and cannot be resumed. Start it again (\`ape search\`, \`ape suite\`).`,
    );
  }
  return parsed.data;
}
