/**
 * How a task file, a flag or a stored run names a metric: a built-in by name, a module of yours
 * (`{"module": "./my-metric.mjs", "export": "lenient"}`), or an LLM judge with a rubric
 * (`{"judge": {"rubric": "…"}}`). What a name stands for is resolved when a search starts
 * (`resolve.ts`); the spec itself is part of the task's hash.
 */
import { z } from "zod";
import { METRICS, type MetricName } from "./registry.js";

/** A module that exports a metric: a path (relative to the task file, or absolute) and the export's name. */
export interface MetricModuleSpec {
  readonly module: string;
  /** The export holding the metric. @default "default" */
  readonly export?: string | undefined;
}

/** An LLM judge: the rubric it grades each answer by. */
export interface JudgeSpec {
  readonly rubric: string;
}

/** A metric as named in a task file, a flag or a stored run. */
export type MetricSpec = MetricName | MetricModuleSpec | { readonly judge: JudgeSpec };

/** The longest rubric accepted, in characters. */
export const RUBRIC_CAP = 20_000;

/** The module form as a task file writes it. */
export const moduleSpecSchema = z.strictObject({ module: z.string().min(1).max(4096), export: z.string().min(1).max(200).optional() });
/** The judge form as a task file writes it. */
export const judgeSpecSchema = z.strictObject({ judge: z.strictObject({ rubric: z.string().trim().min(1).max(RUBRIC_CAP) }) });
/** Any metric spec. */
export const metricSpecSchema = z.union([z.enum(METRICS), moduleSpecSchema, judgeSpecSchema]);

/** The judge's spec, when `spec` names a judge. */
export function judgeOf(spec: unknown): JudgeSpec | undefined {
  const parsed = judgeSpecSchema.safeParse(spec);
  return parsed.success ? parsed.data.judge : undefined;
}

/** How a spec reads in a table or a message: the name, `module#export`, or `judge`. */
export function metricLabel(spec: MetricSpec): string {
  if (typeof spec === "string") return spec;
  if ("judge" in spec) return "judge";
  return `${spec.module}#${spec.export ?? "default"}`;
}
