/**
 * Import a BIG-bench JSON task (`task.json`) as BIG-bench itself presents it to a model:
 * - `target`: a string or a list of acceptable strings;
 * - `target_scores` (`{"choice": score}`), or `multiple_choice_targets` with `multiple_choice_scores`
 *   (one score per choice): the choices with the top score are the correct outputs. Unless the task
 *   sets `append_choices_to_input` to false, the choices are written into the input after
 *   `choice_prefix` (default `"\n  choice: "`), in the source's order, as BIG-bench does;
 * - `task_prefix` (the text BIG-bench puts before every prompt): a reference instruction by default,
 *   or with `taskPrefix: "template"` the start of the eval template, so every scored prompt has it.
 * Splits are left to the loader's defaults (see tasks/README.md).
 */
import { basename, dirname, extname } from "node:path";
import { TaskError, type TaskIssue } from "../../errors.js";
import { placeholdersIn } from "../../template.js";
import type { ExampleFile, TaskFile } from "../schema.js";
import { DEFAULT_TEMPLATES, type MetricName } from "../types.js";
import { distinct, fieldTexts, nameIssues, textIssues, type SourceText } from "./check.js";
import { asOutputs, asText, readJson } from "./read.js";
import { quoted } from "../suggest.js";
import { isRecord } from "../../narrow.js";

/** Where a BIG-bench `task_prefix` goes. */
export const TASK_PREFIX_USES = ["reference", "template"] as const;
/** Where a BIG-bench `task_prefix` goes. */
export type TaskPrefixUse = (typeof TASK_PREFIX_USES)[number];

/** Options for {@link importBigBench}. */
export interface BigBenchImportOptions {
  /** Task name. @default the file's `name`, else its folder's name (for task.json), else the file name */
  readonly name?: string;
  /** @default "exact_match" */
  readonly metric?: MetricName;
  /**
   * What the task's `task_prefix` becomes: a human reference instruction (scored beside the winner
   * on the test split), or the start of the eval template (shown before every scored prompt).
   * @default "reference"
   */
  readonly taskPrefix?: TaskPrefixUse;
}

/** BIG-bench's default text before each appended choice. */
export const DEFAULT_CHOICE_PREFIX = "\n  choice: ";

/** Read a BIG-bench task file as a task file, ready to write. */
export async function importBigBench(file: string, options: BigBenchImportOptions = {}): Promise<TaskFile> {
  const value = await readJson(file);
  if (!isRecord(value)) throw new TaskError(file, [{ path: "", message: 'expected a BIG-bench task object with "examples"' }]);
  const list = value.examples;
  if (!Array.isArray(list) || list.length === 0) throw new TaskError(file, [{ path: "examples", message: "expected a non-empty list of examples" }]);
  const issues: TaskIssue[] = [];
  const append = flag(value, "append_choices_to_input", true, issues);
  const choicePrefix = textField(value, "choice_prefix", issues) ?? DEFAULT_CHOICE_PREFIX;
  const prefix = textField(value, "task_prefix", issues);
  const examples: ExampleFile[] = [];
  list.forEach((raw: unknown, i) => {
    const at = `examples[${i}]`;
    const read = isRecord(raw) ? readExample(raw, at, append ? choicePrefix : undefined) : "expected an object";
    if (typeof read === "string") issues.push({ path: at, message: read });
    else {
      issues.push(...textIssues(read.texts));
      examples.push(read.example);
    }
  });
  const own = basename(file, extname(file));
  const fileName = asText(value.name);
  const name = options.name ?? fileName ?? (own === "task" ? basename(dirname(file)) : own);
  if (options.name === undefined && fileName !== undefined) issues.push(...nameIssues("name", fileName));
  const description = asText(value.description);
  if (description !== undefined) issues.push(...textIssues([["description", description]]));
  const head = prefix === undefined ? {} : prefixFields(prefix, options.taskPrefix ?? "reference", issues);
  if (issues.length > 0) throw new TaskError(file, issues);
  return {
    version: 1,
    name,
    ...(description ? { description } : {}),
    metric: options.metric ?? "exact_match",
    ...head,
    examples,
  };
}

function prefixFields(prefix: string, use: TaskPrefixUse, issues: TaskIssue[]): Pick<TaskFile, "references" | "templates"> {
  if (use === "reference") {
    const text = prefix.trim();
    issues.push(...textIssues([["task_prefix", text]]));
    return text ? { references: [text] } : {};
  }
  const found = [...placeholdersIn(prefix)];
  if (found.length > 0)
    issues.push({
      path: "task_prefix",
      message: `contains ${found.map((p) => `[${p}]`).join(", ")}, which the eval template would fill in; import it as a reference instead`,
    });
  const evalTemplate = `${prefix}${prefix.endsWith("\n") ? "" : "\n"}${DEFAULT_TEMPLATES.eval}`;
  issues.push(...textIssues([["task_prefix", evalTemplate]]));
  return { templates: { eval: evalTemplate } };
}

function readExample(ex: Record<string, unknown>, at: string, choicePrefix: string | undefined): { example: ExampleFile; texts: SourceText[] } | string {
  const input = asText(ex.input);
  if (input === undefined) return 'expected "input" to be a string';
  const scored = choicesOf(ex);
  if (typeof scored === "string") return scored;
  if (scored === undefined) {
    if (!("target" in ex)) return 'expected "target", "target_scores", or "multiple_choice_targets" with "multiple_choice_scores"';
    const outputs = asOutputs(ex.target);
    if (!outputs) return 'expected "target" to be a string or a non-empty list of strings';
    const texts = [[`${at}.input`, input] as const, ...fieldTexts(at, "target", Array.isArray(ex.target) ? outputs : (outputs[0] ?? ""))];
    return { example: { input, output: outputs.length === 1 ? (outputs[0] ?? "") : outputs }, texts };
  }
  const { field, choices } = scored;
  const top = Math.max(...choices.map((c) => c.score));
  if (top <= 0 || (choices.length > 1 && choices.every((c) => c.score === top)))
    return `"${field}" marks no choice as better than the others (${top <= 0 ? "no score above 0" : "all scores equal"}); give the correct choice(s) the highest score`;
  const outputs = distinct(choices.filter((c) => c.score === top).map((c) => c.text));
  const shown = choicePrefix === undefined ? input : `${input}${choicePrefix}${choices.map((c) => c.text).join(choicePrefix)}`;
  const texts = [[`${at}.input`, shown] as const, ...choices.map((c) => [`${at}.${c.path}`, c.text] as const)];
  return { example: { input: shown, output: outputs.length === 1 ? (outputs[0] ?? "") : outputs }, texts };
}

interface Choice {
  readonly text: string;
  readonly score: number;
  /** Where the choice sits in the example, e.g. `target_scores["yes"]`. */
  readonly path: string;
}

/** The scored choices of an example, a problem with them, or undefined if it has none. */
function choicesOf(ex: Record<string, unknown>): { field: string; choices: Choice[] } | string | undefined {
  const field = "target_scores" in ex ? "target_scores" : "multiple_choice_targets" in ex ? "multiple_choice_targets" : undefined;
  if (field === undefined) return undefined;
  let pairs: [string, unknown, string][];
  if (field === "target_scores") {
    const scores = ex.target_scores;
    if (!isRecord(scores)) return 'expected "target_scores" to be an object {"choice": score, …}';
    pairs = Object.entries(scores).map(([text, score]) => [text, score, `target_scores[${quoted(text)}]`]);
  } else {
    const targets = ex.multiple_choice_targets;
    const scores = ex.multiple_choice_scores;
    if (!Array.isArray(targets) || !targets.every((t) => typeof t === "string")) return 'expected "multiple_choice_targets" to be a list of strings';
    if (!Array.isArray(scores) || scores.length !== targets.length)
      return `"multiple_choice_targets" needs "multiple_choice_scores": one score per choice (${targets.length}), the correct ones highest`;
    pairs = targets.map((text, i) => [text, scores[i], `multiple_choice_targets[${i}]`]);
  }
  if (pairs.length === 0) return `"${field}" has no choices`;
  const choices: Choice[] = [];
  for (const [text, score, path] of pairs) {
    if (typeof score !== "number" || !Number.isFinite(score))
      return `the score of choice ${quoted(text)} in "${field === "target_scores" ? field : "multiple_choice_scores"}" is not a number`;
    choices.push({ text, score, path });
  }
  return { field, choices };
}

function flag(doc: Record<string, unknown>, key: string, fallback: boolean, issues: TaskIssue[]): boolean {
  const value = doc[key];
  if (value === undefined) return fallback;
  if (typeof value === "boolean") return value;
  issues.push({ path: key, message: `expected true or false, got ${quoted(value)}` });
  return fallback;
}

function textField(doc: Record<string, unknown>, key: string, issues: TaskIssue[]): string | undefined {
  const value = doc[key];
  if (value === undefined || typeof value === "string") return value;
  issues.push({ path: key, message: `expected a string, got ${quoted(value)}` });
  return undefined;
}
