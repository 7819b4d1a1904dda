/**
 * From checked pieces to a {@link Task}: example shapes, ids, templates, splits. Every problem is
 * collected before anything is thrown, so one run of `ape tasks validate` shows them all.
 */
import type { ChatMessage } from "../chat.js";
import { TaskError, type TaskIssue } from "../errors.js";
import { placeholdersIn, type Placeholder } from "../template.js";
import { issuesFromZod, formatPath } from "./issues.js";
import { quoted } from "./suggest.js";
import { exampleSchema, type ExampleFile, type SplitFile } from "./schema.js";
import { fractionSum, splitByFractions, splitCounts } from "./split.js";
import { DEFAULT_TEMPLATES, SPLITS, type Example, type MetricSpec, type Protocol, type SplitName, type Task, type Templates } from "./types.js";
import { type AnswerSettings, extractIssues, isDefaultAnswer } from "./answer.js";

/** Options for loading a task. */
export interface TaskOptions {
  /**
   * Seed of the shuffle that divides examples by fractions. Overrides `split.seed` in the file.
   * @default the file's `split.seed`, else 0
   */
  readonly seed?: number;
}

/** Everything of a task but its examples, already checked. */
export interface TaskHead {
  readonly name: string;
  readonly description: string | undefined;
  readonly metric: MetricSpec;
  readonly protocol: Protocol | undefined;
  readonly templates: Partial<Templates> | undefined;
  readonly targetFormat?: "chat" | "completion" | undefined;
  readonly answer: AnswerSettings;
  readonly references: readonly string[];
  readonly split: SplitFile | undefined;
}

/** Turns a full path (`["examples", 3, "output"]`) into what the user sees. */
export type PathLabel = (path: readonly PropertyKey[]) => string;

/** The placeholders each template must contain. */
export const REQUIRED_PLACEHOLDERS: Readonly<Record<keyof Templates, readonly Placeholder[]>> = {
  eval: ["PROMPT", "INPUT", "OUTPUT"],
  demo: ["INPUT", "OUTPUT"],
  forward: ["full_DEMO", "APE"],
  // The proposer fills the blank from the demos around it: without them its prompt is empty, or nearly.
  reverse: ["APE", "full_DEMO"],
};

/** Check each raw example's shape; push problems and return the good ones with their index. */
export function checkExamples(
  raw: readonly unknown[],
  issues: TaskIssue[],
  label: PathLabel = formatPath,
): { readonly index: number; readonly example: ExampleFile }[] {
  const good: { index: number; example: ExampleFile }[] = [];
  raw.forEach((value, index) => {
    const result = exampleSchema.safeParse(value, { reportInput: true });
    if (!result.success) issues.push(...issuesFromZod(result.error.issues, ["examples", index], label));
    else {
      const blank = blankOutputs(result.data, index, label);
      issues.push(...blank);
      if (blank.length === 0) good.push({ index, example: result.data });
    }
  });
  return good;
}

/** What is wrong with an output that is empty or only whitespace, and what to do. */
export const BLANK_OUTPUT =
  "empty (or only whitespace); an empty answer from the model would score 1 against it: give the expected answer, or remove the example";

/**
 * An output that is empty or only whitespace: the metrics compare normalized text, so an empty
 * answer from the target would match it and score 1.
 */
function blankOutputs(example: ExampleFile, index: number, label: PathLabel): TaskIssue[] {
  const outputs = typeof example.output === "string" ? [{ text: example.output, at: [] }] : example.output.map((text, k) => ({ text, at: [k] }));
  return outputs
    .filter((o) => o.text.trim() === "")
    .map((o) => ({
      path: label(["examples", index, "output", ...o.at]),
      message: BLANK_OUTPUT,
    }));
}

/** Problems with templates given in a file: each must contain the placeholders it needs. */
export function templateIssues(templates: Partial<Templates>): TaskIssue[] {
  const issues: TaskIssue[] = [];
  for (const key of Object.keys(REQUIRED_PLACEHOLDERS) as (keyof Templates)[]) {
    const template = templates[key];
    if (template === undefined) continue;
    if (typeof template !== "string") {
      issues.push(...chatTemplateIssues(template));
      continue;
    }
    const present = placeholdersIn(template);
    const needed = REQUIRED_PLACEHOLDERS[key];
    const missing = needed.filter((p) => !present.has(p));
    if (missing.length > 0)
      issues.push({
        path: `templates.${key}`,
        message: `missing ${missing.map((p) => `[${p}]`).join(", ")}; the ${key} template needs ${needed.map((p) => `[${p}]`).join(" ")}`,
      });
    else if (key === "forward" && template.indexOf("[full_DEMO]") > template.indexOf("[APE]"))
      issues.push({
        path: "templates.forward",
        message:
          "[full_DEMO] comes after [APE], but the proposer is sent only the text before [APE]: it would see no demos (and maybe an empty prompt); put [full_DEMO] before [APE]",
      });
  }
  return issues;
}

/**
 * Problems with an eval template given as chat messages: the instruction and the input must be in
 * it; the model's reply is the answer, so there is no `[OUTPUT]` and the last message is the user's.
 */
function chatTemplateIssues(messages: readonly ChatMessage[]): TaskIssue[] {
  const issues: TaskIssue[] = [];
  const present = new Set(messages.flatMap((m) => [...placeholdersIn(m.content)]));
  const missing = (["PROMPT", "INPUT"] as const).filter((p) => !present.has(p));
  if (missing.length > 0)
    issues.push({
      path: "templates.eval",
      message: `missing ${missing.map((p) => `[${p}]`).join(", ")}; an eval template of messages needs [PROMPT] (the instruction, say as the system message) and [INPUT] (say in the last user message)`,
    });
  messages.forEach((m, i) => {
    if (placeholdersIn(m.content).has("OUTPUT"))
      issues.push({
        path: formatPath(["templates", "eval", i, "content"]),
        message: "has [OUTPUT], but in a chat the model's reply is the answer: remove it (the messages end with the user's turn)",
      });
  });
  const last = messages.at(-1);
  if (last && last.role !== "user")
    issues.push({
      path: formatPath(["templates", "eval", messages.length - 1, "role"]),
      message: `is "${last.role}", but the model answers the last message: end the list with a "user" message (demos go before it, as user and assistant turns)`,
    });
  return issues;
}

/**
 * Build the task, or throw a {@link TaskError} with every problem found so far plus those found
 * here. `rawCount` is how many examples the file had (good or bad).
 */
export function assembleTask(
  file: string,
  head: TaskHead | undefined,
  examples: readonly { readonly index: number; readonly example: ExampleFile }[],
  rawCount: number,
  issues: TaskIssue[],
  options: TaskOptions,
  label: PathLabel = formatPath,
): Task {
  const withIds = assignIds(examples, issues, label);
  if (head?.templates) issues.push(...templateIssues(head.templates));
  if (head?.targetFormat === "completion" && typeof head.templates?.eval === "object")
    issues.push({
      path: "targetFormat",
      message: '"completion" cannot send the eval template: it is a list of messages, which only the chat route takes; use "chat" (or leave targetFormat out)',
    });
  if (head) issues.push(...extractIssues(head.answer.extract));
  const explicit = examples.filter((e) => e.example.split !== undefined).length;
  if (explicit > 0 && explicit < rawCount) {
    const missing = examples.find((e) => e.example.split === undefined);
    if (missing)
      issues.push({
        path: label(["examples", missing.index, "split"]),
        message: `missing; some examples name their split, so every example must (or none, and the "split" fractions decide)`,
      });
  }
  if (head?.protocol !== undefined && explicit === 0)
    issues.push({
      path: "protocol",
      message: `the ${head.protocol} protocol keeps the source's own splits, so every example must name its "split" (demo, eval or test)`,
    });
  const split = head?.split;
  if (split && explicit > 0 && (split.demo ?? split.eval ?? split.test) !== undefined)
    issues.push({ path: "split", message: 'fractions cannot be combined with examples that name their own "split"' });
  if (split && Math.abs(fractionSum(split) - 1) > 1e-6)
    issues.push({ path: "split", message: `demo + eval + test must add up to 1, got ${fractionSum(split)}` });
  if (issues.length > 0 || !head) throw new TaskError(file, issues);

  const seed = options.seed ?? split?.seed ?? 0;
  const splits: Record<SplitName, Example[]> =
    explicit > 0
      ? { demo: [], eval: [], test: [] }
      : splitByFractions(
          withIds.map((e) => e.task),
          split,
          seed,
        );
  if (explicit > 0) for (const e of withIds) splits[e.split ?? "test"].push(e.task);
  for (const name of ["demo", "eval"] as const) {
    if (splits[name].length === 0) {
      const counts = SPLITS.map((s) => `${splits[s].length} ${s}`).join(", ");
      const hint = explicit > 0 ? `give some examples "split": "${name}"` : fractionHint(rawCount, split);
      issues.push({ path: explicit > 0 ? "examples" : "split", message: `the ${name} split is empty (${counts}); it needs at least 1 example: ${hint}` });
    }
  }
  if (issues.length > 0) throw new TaskError(file, issues);
  return Object.freeze({
    name: head.name,
    source: file,
    description: head.description,
    metric: head.metric,
    ...(head.protocol === undefined ? {} : { protocol: head.protocol }),
    ...(isDefaultAnswer(head.answer) ? {} : { answer: Object.freeze({ ...head.answer, stop: Object.freeze([...head.answer.stop]) }) }),
    templates: Object.freeze({ ...DEFAULT_TEMPLATES, ...head.templates }),
    ...(head.targetFormat === undefined ? {} : { targetFormat: head.targetFormat }),
    references: Object.freeze([...head.references]),
    splits: Object.freeze({
      demo: Object.freeze(splits.demo),
      eval: Object.freeze(splits.eval),
      test: Object.freeze(splits.test),
    }),
  });
}

function fractionHint(n: number, split: SplitFile | undefined): string {
  const counts = splitCounts(n, split);
  return n < 2 ? `the task has ${n} example(s); add more` : `raise its fraction (now ${counts.demo}/${counts.eval}/${counts.test} of ${n})`;
}

function assignIds(
  examples: readonly { readonly index: number; readonly example: ExampleFile }[],
  issues: TaskIssue[],
  label: PathLabel,
): { task: Example; split: SplitName | undefined }[] {
  const seen = new Map<string, number>();
  return examples.map(({ index, example }) => {
    const id = example.id ?? String(index);
    const first = seen.get(id);
    if (first !== undefined)
      issues.push({
        path: label(["examples", index, ...(example.id === undefined ? [] : ["id"])]),
        message: `duplicate id ${quoted(id)} (first used by ${label(["examples", first])})${example.id === undefined ? "; an example without an id gets its position as id" : ""}`,
      });
    else seen.set(id, index);
    const outputs = typeof example.output === "string" ? [example.output] : [...example.output];
    return { task: Object.freeze({ id, input: example.input, outputs: Object.freeze(outputs) }), split: example.split };
  });
}
