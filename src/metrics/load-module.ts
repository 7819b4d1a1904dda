/**
 * Loading a metric from a module of yours (`--metric ./my-metric.mjs#lenient`, or
 * `"metric": {"module": "./my-metric.mjs", "export": "lenient"}` in a task file, the path relative
 * to the task file). The export is a metric (`defineMetric({name, version, score})`, or any object
 * of that shape) or a bare function `(prediction, example) => score`, whose name is the export's
 * and whose version is a hash of its source text (so editing it makes a new run). An ES module
 * (`.mjs`, or `.js` under `"type": "module"`); a CommonJS module's `module.exports` is its default.
 */
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import { basename, extname, isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { messageOf } from "../caught.js";
import { UsageError } from "../errors.js";
import type { Message } from "../message.js";
import { say } from "../message.js";
import { isRecord } from "../narrow.js";
import { defineMetric, isMetric, type Metric } from "./metric.js";
import type { MetricModuleSpec } from "./spec.js";

/**
 * The metric `spec` names, its path taken relative to `base`. `where` says in messages where the
 * spec was given (the flag, or the task file's field).
 * @throws UsageError when the file is missing or cannot be loaded, has no such export, or the export is no metric.
 */
export async function loadMetricModule(spec: MetricModuleSpec, base: string, where: Message): Promise<Metric> {
  const file = isAbsolute(spec.module) ? spec.module : resolve(base, spec.module);
  const name = spec.export ?? "default";
  const fail = (problem: string): UsageError => new UsageError(say`${where}: ${problem}`);
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw fail(`no metric module at ${file}; give the path of an ES module (.mjs) that exports your metric`);
  let loaded: unknown;
  try {
    loaded = await import(pathToFileURL(file).href);
  } catch (error) {
    throw fail(`${file} could not be loaded: ${messageOf(error).split("\n")[0] ?? ""}`);
  }
  const exports = isRecord(loaded) ? loaded : {};
  if (!Object.hasOwn(exports, name)) {
    const names = Object.keys(exports);
    throw fail(`${file} has no export ${JSON.stringify(name)}; ${names.length > 0 ? `its exports: ${names.join(", ")}` : "it exports nothing"}`);
  }
  const value = exports[name];
  if (isMetric(value)) return defineMetric(value);
  if (typeof value === "function") {
    const source = String(value);
    const version = createHash("sha256").update(source).digest("hex").slice(0, 12);
    const own = name === "default" ? value.name || basename(file, extname(file)) : name;
    return defineMetric({ name: own, version, score: (prediction, example) => value(prediction, example) });
  }
  throw fail(
    `the export ${JSON.stringify(name)} of ${file} is ${describe(value)}, not a metric: export a function (prediction, example) => score, or {name, version, score} (defineMetric)`,
  );
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (isRecord(value)) return `an object with ${Object.keys(value).join(", ") || "no fields"}`;
  return value === undefined ? "undefined" : `a ${typeof value}`;
}
