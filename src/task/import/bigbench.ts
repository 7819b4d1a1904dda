/**
 * Import a BIG-bench JSON task (`task.json`): `{"name", "description", "examples": [{"input",
 * "target" | "target_scores"}]}`. `target` may be a string or a list of acceptable strings; with
 * `target_scores`, the keys with the highest score are the correct outputs. Splits are left to the
 * loader's defaults (see tasks/README.md).
 */
import { basename, dirname, extname } from "node:path";
import { TaskError, type TaskIssue } from "../../errors.js";
import type { ExampleFile, TaskFile } from "../schema.js";
import type { MetricName } from "../types.js";
import { asOutputs, asText, readJson } from "./read.js";

/** Options for {@link importBigBench}. */
export interface BigBenchImportOptions {
  /** Task name. @default the file's `name`, else its folder's name (for task.json), else the file name */
  readonly name?: string;
  /** @default "exact_match" */
  readonly metric?: MetricName;
}

/** Read a BIG-bench task file as a task file, ready to write. */
export async function importBigBench(file: string, options: BigBenchImportOptions = {}): Promise<TaskFile> {
  const value = await readJson(file);
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new TaskError(file, [{ path: "", message: 'expected a BIG-bench task object with "examples"' }]);
  const doc = value as Record<string, unknown>;
  const list = doc["examples"];
  if (!Array.isArray(list) || list.length === 0)
    throw new TaskError(file, [{ path: "examples", message: "expected a non-empty list of examples" }]);
  const issues: TaskIssue[] = [];
  const examples: ExampleFile[] = [];
  list.forEach((raw: unknown, i) => {
    const read = readExample(raw);
    if (typeof read === "string") issues.push({ path: `examples[${i}]`, message: read });
    else examples.push(read);
  });
  if (issues.length > 0) throw new TaskError(file, issues);
  const own = basename(file, extname(file));
  const name = options.name ?? asText(doc["name"]) ?? (own === "task" ? basename(dirname(file)) : own);
  const description = asText(doc["description"]);
  return {
    version: 1,
    name,
    ...(description ? { description } : {}),
    metric: options.metric ?? "exact_match",
    examples,
  };
}

function readExample(raw: unknown): ExampleFile | string {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return "expected an object";
  const ex = raw as Record<string, unknown>;
  const input = asText(ex["input"]);
  if (input === undefined) return 'expected "input" to be a string';
  if ("target" in ex) {
    const outputs = asOutputs(ex["target"]);
    if (!outputs) return 'expected "target" to be a string or a non-empty list of strings';
    return { input, output: outputs.length === 1 ? (outputs[0] ?? "") : outputs };
  }
  const scores = ex["target_scores"];
  if (typeof scores !== "object" || scores === null || Array.isArray(scores))
    return 'expected "target" or "target_scores"';
  const entries = Object.entries(scores as Record<string, unknown>).filter(
    (e): e is [string, number] => typeof e[1] === "number" && Number.isFinite(e[1]),
  );
  if (entries.length === 0) return '"target_scores" has no numeric scores';
  const best = Math.max(...entries.map(([, s]) => s));
  const outputs = entries.filter(([, s]) => s === best).map(([k]) => k);
  return { input, output: outputs.length === 1 ? (outputs[0] ?? "") : outputs };
}
