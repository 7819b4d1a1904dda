/**
 * Parsing task text: a task file (JSON, format v1) or a JSONL file of examples. Pure: text in, a
 * {@link Task} or a {@link TaskError} out.
 */
import { basename, extname } from "node:path";
import { TaskError, type TaskIssue } from "../errors.js";
import { formatPath, issuesFromZod, kindOf } from "./issues.js";
import { type DuplicateKey, parseJson } from "./json-syntax.js";
import { TEXT_CAP, taskFileSchema } from "./schema.js";
import type { Task, Templates } from "./types.js";
import { REQUIRED_PLACEHOLDERS, assembleTask, checkExamples, type TaskHead, type TaskOptions } from "./validate.js";
import { isList, isRecord } from "../narrow.js";
import { answerSettings, DEFAULT_ANSWER } from "./answer.js";
import { checkMetric } from "./metric-field.js";

/**
 * Parse a task from its text. `file` names it in messages; a name ending in `.jsonl` is read as one
 * example per line (the task is named after the file), anything else as a task file.
 * @throws TaskError listing every problem, each with the file, the field path and the example.
 */
export function parseTask(text: string, file: string, options: TaskOptions = {}): Task {
  return extname(file).toLowerCase() === ".jsonl" ? parseJsonlTask(text, file, options) : parseTaskFile(text, file, options);
}

/** Parse a task file (JSON, format v1). */
export function parseTaskFile(text: string, file: string, options: TaskOptions = {}): Task {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.problem;
    throw new TaskError(file, [{ path: `${line}:${column}`, message: `not valid JSON: ${message}` }]);
  }
  const value = parsed.value;
  const issues: TaskIssue[] = duplicateIssues(parsed.duplicates);
  if (!isRecord(value)) throw new TaskError(file, [{ path: "", message: `expected a JSON object with "name" and "examples", got ${kindOf(value)}` }]);
  const top = taskFileSchema.safeParse(value, { reportInput: true });
  if (!top.success) issues.push(...issuesFromZod(top.error.issues, []));
  const list = isList(value.examples) ? value.examples : [];
  const examples = checkExamples(list, issues);
  const metric = checkMetric(value.metric, issues);
  let head: TaskHead | undefined;
  if (top.success) {
    const t = top.data;
    head = {
      name: t.name,
      description: t.description,
      metric,
      protocol: t.protocol,
      templates: t.templates && stripUndefined(t.templates),
      targetFormat: t.targetFormat,
      answer: answerSettings(t.answer && stripUndefined(t.answer)),
      references: t.references ?? [],
      split: t.split,
    };
  } else {
    // The head is broken, but the templates it gives may still be checked for their placeholders.
    const templates = readableTemplates(value.templates);
    head = { name: "", description: undefined, metric, protocol: undefined, templates, answer: DEFAULT_ANSWER, references: [], split: undefined };
  }
  return assembleTask(file, head, examples, list.length, issues, options);
}

/** Parse a JSONL file: one `{"input", "output"}` object (optionally `id`, `split`) per line. */
export function parseJsonlTask(text: string, file: string, options: TaskOptions = {}): Task {
  const issues: TaskIssue[] = [];
  const raw: unknown[] = [];
  const lineOf: number[] = [];
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  body.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    const parsed = parseJson(line);
    if (!parsed.ok) issues.push({ path: `line ${i + 1}:${parsed.problem.column}`, message: `not valid JSON: ${parsed.problem.message}` });
    else {
      issues.push(...duplicateIssues(parsed.duplicates, (d) => `line ${i + 1}: ${formatPath(d.path)}`));
      raw.push(parsed.value);
      lineOf.push(i + 1);
    }
  });
  if (raw.length === 0 && issues.length === 0) issues.push({ path: "", message: "no examples; the file has no lines" });
  const label = (path: readonly PropertyKey[]): string => {
    const index = path[1];
    if (path[0] !== "examples" || typeof index !== "number") return formatPath(path);
    const rest = formatPath(path.slice(2));
    return `line ${lineOf[index] ?? "?"}${rest ? `: ${rest}` : ""}`;
  };
  const examples = checkExamples(raw, issues, label);
  const name = basename(file, extname(file));
  const head: TaskHead = {
    name,
    description: undefined,
    metric: "exact_match",
    protocol: undefined,
    templates: undefined,
    answer: DEFAULT_ANSWER,
    references: [],
    split: undefined,
  };
  try {
    return assembleTask(file, head, examples, raw.length, issues, options, label);
  } catch (error) {
    if (!(error instanceof TaskError)) throw error;
    // Syntax problems were found before shape problems; show them all in line order.
    const line = (issue: TaskIssue): number => Number(/^line (\d+)/.exec(issue.path)?.[1] ?? 0);
    throw new TaskError(
      file,
      [...error.issues].sort((a, b) => line(a) - line(b)),
    );
  }
}

/**
 * A key given twice in one object is refused: JSON.parse would keep the last value and drop the
 * first without a word (an output replaced by an empty one, a second "examples" list hiding the first).
 */
function duplicateIssues(duplicates: readonly DuplicateKey[], label: (d: DuplicateKey) => string = (d) => formatPath(d.path)): TaskIssue[] {
  return duplicates.map((d) => ({
    path: label(d),
    message: `given twice in one object (again at line ${d.line}:${d.column}); JSON keeps only the last and drops the first silently: remove or rename one`,
  }));
}

/** The string-valued known templates of a raw `templates` value, whatever else is wrong with it. */
function readableTemplates(raw: unknown): Partial<Templates> | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const entries = Object.entries(raw).filter(
    ([key, value]) => typeof value === "string" && value.length <= TEXT_CAP && Object.hasOwn(REQUIRED_PLACEHOLDERS, key),
  );
  return entries.length > 0 ? (Object.fromEntries(entries) as Partial<Templates>) : undefined;
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
