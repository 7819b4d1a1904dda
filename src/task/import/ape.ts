/**
 * Import the instruction-induction data in the layout of the original APE repository
 * (`experiments/data/instruction_induction/`) with the roles the APE paper gives it (protocol
 * `ape-paper`): `raw/induce/<task>.json` is shuffled with the seed and cut into demos (half of it,
 * at most 100, as the original code does) and eval examples (the rest); `raw/execute/<task>.json`
 * is the test split, whole; `annotations/<task>.json` (`{"annotations": […]}`) gives the references.
 *
 * Each raw file is `{"metadata": {…}, "examples": {"1": {…}, "2": {…}, …}}`. An example is
 * `{input, output}` or one of the original task-specific shapes, read as the original loader reads
 * them, keeping every acceptable answer: rhymes `other_rhymes` and translation_* `possible_translations`
 * (beside `output`, de-duplicated), cause_and_effect `{cause, effect}` (the two sentences in a seeded
 * order, the cause is the answer), common_concept `{items, all_common_concepts}` (items joined by ", ").
 */
import { readdir, stat } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { TaskError, UsageError, type TaskIssue } from "../../errors.js";
import { mulberry32, shuffled, type Random } from "../../random.js";
import { exists, under } from "../paths.js";
import type { ExampleFile, TaskFile } from "../schema.js";
import { distinct, fieldTexts, textIssues, type SourceText } from "./check.js";
import { metricForTask } from "./metrics.js";
import { asOutputs, asText, readJson } from "./read.js";
import { quoted } from "../suggest.js";
import { isRecord } from "../../narrow.js";

/** Options for {@link importApe}. */
export interface ApeImportOptions {
  /** Seed of the shuffle that cuts induce into demos and eval examples. @default 0 */
  readonly seed?: number;
}

/** Most demos the original code takes from the induce data (`min(int(n * 0.5), 100)`). */
export const APE_DEMO_CAP = 100;

/** Fields of a raw example that list acceptable answers, in the order they are merged. */
const ANSWER_FIELDS = ["output", "other_rhymes", "possible_translations"] as const;

/** Read the tasks of an APE-layout folder (or one raw task file) as task files, ready to write. */
export async function importApe(path: string, options: ApeImportOptions = {}): Promise<TaskFile[]> {
  const { root, only } = await locate(path);
  const names = only ? [only] : await taskNames(root);
  if (names.length === 0) throw new UsageError(`no tasks in ${under(root, "raw")}: expected raw/induce/<task>.json files`);
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
    if (path.endsWith(".json") && (kind === "induce" || kind === "execute")) return { root: dirname(dirname(dirname(path))), only: basename(path, ".json") };
    throw new UsageError(`${path} is neither a folder in the APE layout nor a raw/induce/<task>.json file`);
  }
  for (const candidate of [path, under(path, "data"), under(path, "experiments/data/instruction_induction"), under(path, "data/instruction_induction")])
    if (await isDir(under(candidate, "raw/induce"))) return { root: candidate, only: undefined };
  throw new UsageError(`no raw/induce folder in ${path} (looked in ., data/, experiments/data/instruction_induction/)`);
}

async function taskNames(root: string): Promise<string[]> {
  const files = await readdir(under(root, "raw/induce"));
  return files
    .filter((f) => f.endsWith(".json"))
    .map((f) => basename(f, ".json"))
    .sort();
}

async function importOne(root: string, name: string, seed: number): Promise<TaskFile> {
  const random = mulberry32(seed);
  const induceFile = under(root, "raw/induce", `${name}.json`);
  const induce = await readRaw(induceFile, name, random);
  if (induce.length < 2)
    throw new TaskError(induceFile, [
      { path: "examples", message: `${induce.length} example(s); induce needs at least 2 (demos and eval examples are cut from it)` },
    ]);
  const test = await readRaw(under(root, "raw/execute", `${name}.json`), name, random);
  const order = shuffled(induce, random);
  const demoCount = Math.min(Math.floor(order.length / 2), APE_DEMO_CAP);
  const example = (prefix: string, e: RawExample, split: ExampleFile["split"]): ExampleFile => ({
    id: `${prefix}-${e.key}`,
    input: e.input,
    output: e.outputs.length === 1 ? (e.outputs[0] ?? "") : [...e.outputs],
    ...(split ? { split } : {}),
  });
  return {
    version: 1,
    name,
    description: `Instruction-induction task "${name}" (imported from the APE layout; splits as in the APE paper).`,
    metric: metricForTask(name),
    protocol: "ape-paper",
    references: await readAnnotations(under(root, "annotations", `${name}.json`)),
    examples: [...order.map((e, i) => example("induce", e, i < demoCount ? "demo" : "eval")), ...test.map((e) => example("execute", e, "test"))],
  };
}

interface RawExample {
  readonly key: string;
  readonly input: string;
  readonly outputs: readonly string[];
}

async function readRaw(file: string, task: string, random: Random): Promise<RawExample[]> {
  const value = await readJson(file);
  const examples = isRecord(value) ? value.examples : undefined;
  if (!isRecord(examples)) throw new TaskError(file, [{ path: "examples", message: 'expected an object of examples {"1": {"input": …, "output": …}, …}' }]);
  const issues: TaskIssue[] = [];
  const out: RawExample[] = [];
  const keys = Object.keys(examples).sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  for (const key of keys) {
    const raw = examples[key];
    const at = `examples[${quoted(key)}]`;
    const read = isRecord(raw) ? readExample(raw, task, random, at) : "expected an object";
    if (typeof read === "string") issues.push({ path: at, message: read });
    else {
      issues.push(...textIssues(read.texts));
      out.push({ key, input: read.input, outputs: read.outputs });
    }
  }
  if (out.length === 0 && issues.length === 0) issues.push({ path: "examples", message: "no examples" });
  if (issues.length > 0) throw new TaskError(file, issues);
  return out;
}

/** One raw example read: its input, every acceptable answer, and the texts as the source has them. */
interface ReadExample {
  readonly input: string;
  readonly outputs: readonly string[];
  readonly texts: readonly SourceText[];
}

function readExample(raw: Record<string, unknown>, task: string, random: Random, at: string): ReadExample | string {
  if (task === "cause_and_effect" && "cause" in raw) {
    const cause = asText(raw.cause);
    const effect = asText(raw.effect);
    if (cause === undefined || effect === undefined) return 'expected "cause" and "effect" strings';
    const [a, b] = random() < 0.5 ? [cause, effect] : [effect, cause];
    return {
      input: `Sentence 1: ${a} Sentence 2: ${b}`,
      outputs: [cause],
      texts: [
        [`${at}.cause`, cause],
        [`${at}.effect`, effect],
      ],
    };
  }
  if ("items" in raw) {
    const items = Array.isArray(raw.items) ? raw.items.map(asText) : [];
    const outputs = asOutputs(raw.all_common_concepts);
    if (items.length === 0 || !items.every((i) => i !== undefined) || !outputs)
      return 'expected "items" (a list of strings) and "all_common_concepts" (a non-empty list of strings)';
    const input = items.join(", ");
    return { input, outputs: distinct(outputs), texts: [[`${at}.items`, input], ...fieldTexts(at, "all_common_concepts", outputs)] };
  }
  const input = asText(raw.input);
  if (input === undefined) return 'expected "input" to be a string';
  const present = ANSWER_FIELDS.filter((f) => f in raw);
  if (present.length === 0)
    return `expected "output" (or ${ANSWER_FIELDS.slice(1)
      .map((f) => `"${f}"`)
      .join(", ")})`;
  const outputs: string[] = [];
  const texts: SourceText[] = [[`${at}.input`, input]];
  for (const field of present) {
    const value = asOutputs(raw[field]);
    if (!value) return `expected "${field}" to be a string or a non-empty list of strings`;
    outputs.push(...value);
    texts.push(...fieldTexts(at, field, Array.isArray(raw[field]) ? value : (value[0] ?? "")));
  }
  return { input, outputs: distinct(outputs), texts };
}

async function readAnnotations(file: string): Promise<string[]> {
  if (!(await exists(file))) return [];
  const value = await readJson(file);
  const list = isRecord(value) ? value.annotations : undefined;
  if (!Array.isArray(list) || !list.every((a) => typeof a === "string"))
    throw new TaskError(file, [{ path: "annotations", message: "expected a list of strings" }]);
  const issues = textIssues(list.map((a, i): SourceText => [`annotations[${i}]`, a.trim()]));
  if (issues.length > 0) throw new TaskError(file, issues);
  return distinct(list.map((a) => a.trim()).filter((a) => a.length > 0));
}
