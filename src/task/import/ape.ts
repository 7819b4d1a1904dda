/**
 * Import the instruction-induction data in the layout of the original APE repository
 * (`experiments/data/instruction_induction/`): `raw/induce/<task>.json` becomes the demo split,
 * `raw/execute/<task>.json` is shuffled with the seed and halved into eval (the larger half when
 * odd) and test, and `annotations/<task>.json` (`{"annotations": […]}`) gives the references.
 *
 * Each raw file is `{"metadata": {…}, "examples": {"1": {…}, "2": {…}, …}}`. An example is
 * `{input, output}` (output a string or a list), or one of the original task-specific shapes, read as
 * the original loader reads them: cause_and_effect `{cause, effect}` (the two sentences in a seeded
 * order, the cause is the answer), common_concept `{items, all_common_concepts}` (items joined by
 * ", "), rhymes `{input, other_rhymes}`, translation_* `{input, possible_translations}`.
 */
import { readdir, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { TaskError, UsageError, type TaskIssue } from "../../errors.js";
import { mulberry32, shuffled, type Random } from "../../random.js";
import type { ExampleFile, TaskFile } from "../schema.js";
import { metricForTask } from "./metrics.js";
import { asOutputs, asText, readJson } from "./read.js";

/** Options for {@link importApe}. */
export interface ApeImportOptions {
  /** Seed of the shuffle that halves execute into eval and test. @default 0 */
  readonly seed?: number;
}

/** Read the tasks of an APE-layout folder (or one raw task file) as task files, ready to write. */
export async function importApe(path: string, options: ApeImportOptions = {}): Promise<TaskFile[]> {
  const { root, only } = await locate(path);
  const names = only ? [only] : await taskNames(root);
  if (names.length === 0) throw new UsageError(`no tasks in ${join(root, "raw")}: expected raw/induce/<task>.json files`);
  const tasks: TaskFile[] = [];
  for (const name of names) tasks.push(await importOne(root, name, options.seed ?? 0));
  return tasks;
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function locate(path: string): Promise<{ root: string; only: string | undefined }> {
  if (!(await isDir(path))) {
    const kind = basename(dirname(path));
    if (path.endsWith(".json") && (kind === "induce" || kind === "execute"))
      return { root: dirname(dirname(dirname(path))), only: basename(path, ".json") };
    throw new UsageError(`${path} is neither a folder in the APE layout nor a raw/induce/<task>.json file`);
  }
  for (const candidate of [path, join(path, "data"), join(path, "experiments/data/instruction_induction"), join(path, "data/instruction_induction")])
    if (await isDir(join(candidate, "raw/induce"))) return { root: candidate, only: undefined };
  throw new UsageError(`no raw/induce folder in ${path} (looked in ., data/, experiments/data/instruction_induction/)`);
}

async function taskNames(root: string): Promise<string[]> {
  const files = await readdir(join(root, "raw/induce"));
  return files.filter((f) => f.endsWith(".json")).map((f) => basename(f, ".json")).sort();
}

async function importOne(root: string, name: string, seed: number): Promise<TaskFile> {
  const random = mulberry32(seed);
  const demo = await readRaw(join(root, "raw/induce", `${name}.json`), name, random);
  const executed = await readRaw(join(root, "raw/execute", `${name}.json`), name, random);
  const order = shuffled(executed, random);
  const evalCount = Math.ceil(order.length / 2);
  const examples: ExampleFile[] = [
    ...demo.map((e) => ({ id: `induce-${e.key}`, input: e.input, output: e.output, split: "demo" as const })),
    ...order.map((e, i) => ({
      id: `execute-${e.key}`,
      input: e.input,
      output: e.output,
      split: i < evalCount ? ("eval" as const) : ("test" as const),
    })),
  ];
  return {
    version: 1,
    name,
    description: `Instruction-induction task "${name}" (imported from the APE layout).`,
    metric: metricForTask(name),
    references: await readAnnotations(join(root, "annotations", `${name}.json`)),
    examples,
  };
}

interface RawExample {
  readonly key: string;
  readonly input: string;
  readonly output: string | string[];
}

async function readRaw(file: string, task: string, random: Random): Promise<RawExample[]> {
  const value = await readJson(file);
  const examples = isRecord(value) ? value["examples"] : undefined;
  if (!isRecord(examples))
    throw new TaskError(file, [{ path: "examples", message: 'expected an object of examples {"1": {"input": …, "output": …}, …}' }]);
  const issues: TaskIssue[] = [];
  const out: RawExample[] = [];
  const keys = Object.keys(examples).sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  for (const key of keys) {
    const raw = examples[key];
    const read = isRecord(raw) ? readExample(raw, task, random) : "expected an object";
    if (typeof read === "string") issues.push({ path: `examples[${JSON.stringify(key)}]`, message: read });
    else out.push({ key, ...read });
  }
  if (out.length === 0 && issues.length === 0) issues.push({ path: "examples", message: "no examples" });
  if (issues.length > 0) throw new TaskError(file, issues);
  return out;
}

function readExample(raw: Record<string, unknown>, task: string, random: Random): { input: string; output: string | string[] } | string {
  if (task === "cause_and_effect" && "cause" in raw) {
    const cause = asText(raw["cause"]);
    const effect = asText(raw["effect"]);
    if (cause === undefined || effect === undefined) return 'expected "cause" and "effect" strings';
    const [a, b] = random() < 0.5 ? [cause, effect] : [effect, cause];
    return { input: `Sentence 1: ${a} Sentence 2: ${b}`, output: cause };
  }
  if ("items" in raw) {
    const items = Array.isArray(raw["items"]) ? raw["items"].map(asText) : [];
    const outputs = asOutputs(raw["all_common_concepts"]);
    if (items.length === 0 || items.some((i) => i === undefined) || !outputs)
      return 'expected "items" (a list of strings) and "all_common_concepts" (a non-empty list of strings)';
    return { input: items.join(", "), output: outputs };
  }
  const input = asText(raw["input"]);
  if (input === undefined) return 'expected "input" to be a string';
  const field = ["output", "other_rhymes", "possible_translations"].find((f) => f in raw);
  const outputs = field ? asOutputs(raw[field]) : undefined;
  if (!outputs) return `expected "${field ?? "output"}" to be a string or a non-empty list of strings`;
  return { input, output: outputs.length === 1 ? (outputs[0] ?? "") : outputs };
}

async function readAnnotations(file: string): Promise<string[]> {
  if (!(await exists(file))) return [];
  const value = await readJson(file);
  const list = isRecord(value) ? value["annotations"] : undefined;
  if (!Array.isArray(list) || !list.every((a) => typeof a === "string"))
    throw new TaskError(file, [{ path: "annotations", message: "expected a list of strings" }]);
  return [...new Set(list.map((a) => a.trim()).filter((a) => a.length > 0))];
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
