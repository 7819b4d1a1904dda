/**
 * Turn zod's issues into ours: a field path like `examples[12].output` and a message that says what
 * was expected, what was found, and (for unknown fields) which known field was probably meant.
 */
import type { z } from "zod";
import type { TaskIssue } from "../errors.js";
import { KNOWN_FIELDS, TEXT_CAP } from "./schema.js";
import { clip, nearest, quoted } from "./suggest.js";
import { PROTOCOLS, SPLITS } from "./types.js";
import { CHAT_ROLES } from "../chat.js";

/** `["examples", 12, "output"]` → `examples[12].output`; a long key is clipped. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${clip(String(key))}` : clip(String(key));
  }
  return out;
}

/** A short name for the kind of a JSON value, as a user would say it. */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "a string";
  if (typeof value === "number") return "a number";
  if (typeof value === "boolean") return String(value);
  return typeof value;
}

/**
 * Our issues for one value checked by a zod schema. `at` is where the value sits in the file
 * (e.g. `["examples", 3]`); `label` turns a full path into what the user sees (JSONL uses line numbers).
 */
export function issuesFromZod(
  issues: readonly z.core.$ZodIssue[],
  at: readonly PropertyKey[],
  label: (path: readonly PropertyKey[]) => string = formatPath,
): TaskIssue[] {
  const out: TaskIssue[] = [];
  for (const issue of issues) {
    const path = [...at, ...issue.path];
    const inner = messageIssues(issue, path);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push({ path: label([...path, key]), message: unknownField(key, path) });
    } else if (inner) {
      out.push(...issuesFromZod(inner, path, label));
    } else {
      out.push({ path: label(path), message: messageFor(issue, path) });
    }
  }
  return out;
}

/** The message for a text over its cap. */
export function tooLong(length: number, cap: number = TEXT_CAP): string {
  return `too long: ${Number.isNaN(length) ? "?" : length} characters, the cap is ${cap}`;
}

/**
 * An eval template given as a list that is not a list of messages: the problems inside its messages
 * (a bad role, a missing content), rather than "expected a text or a list".
 */
function messageIssues(issue: z.core.$ZodIssue, path: readonly PropertyKey[]): readonly z.core.$ZodIssue[] | undefined {
  if (issue.code !== "invalid_union" || !Array.isArray(issue.input) || path[path.length - 1] !== "eval") return undefined;
  return issue.errors.find((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
}

function knownFor(path: readonly PropertyKey[]): readonly string[] {
  const last = path[path.length - 1];
  if (path.length === 0) return KNOWN_FIELDS.top;
  if (typeof last === "number" && path[path.length - 2] === "eval") return KNOWN_FIELDS.message;
  if (typeof last === "number" || last === "examples") return KNOWN_FIELDS.example;
  if (last === "split") return KNOWN_FIELDS.split;
  if (last === "templates") return KNOWN_FIELDS.templates;
  if (last === "answer") return KNOWN_FIELDS.answer;
  if (last === "extract") return KNOWN_FIELDS.extract;
  if (last === "metric") return KNOWN_FIELDS.metric;
  if (last === "judge") return KNOWN_FIELDS.judge;
  return [];
}

function unknownField(key: string, path: readonly PropertyKey[]): string {
  const known = knownFor(path);
  const guess = nearest(key, known);
  if (guess) return `unknown field; did you mean "${guess}"?`;
  return `unknown field; known fields here: ${known.join(", ")}`;
}

function fieldName(path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  return typeof last === "string" ? last : "";
}

function expectation(path: readonly PropertyKey[], zodExpected: string): string {
  const field = fieldName(path);
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (field === "output" || (typeof last === "number" && parent === "output")) return "a string or a non-empty list of strings";
  if (field === "examples") return "a non-empty list of examples";
  if (field === "references") return "a list of strings";
  if (field === "split" && path.length === 1) return `an object like {"demo": 0.2, "eval": 0.4, "test": 0.4}`;
  if (field === "templates") return "an object with some of eval, demo, forward, reverse";
  if (field === "eval") return 'a text with [PROMPT], [INPUT] and [OUTPUT], or a list of chat messages like {"role": "system", "content": "[PROMPT]"}';
  if (field === "answer") return 'an object like {"maxTokens": 256, "stop": ["\\n\\n"]}';
  if (field === "extract") return 'an object, {"regex": "…"} or {"json": "field.path"}';
  if (field === "stop") return "a list of at most 4 strings";
  if (typeof last === "number" && parent === "examples") return 'an object like {"input": "…", "output": "…"}';
  if (zodExpected === "object") return "an object";
  if (zodExpected === "array") return "a list";
  if (zodExpected === "string") return "a string";
  if (zodExpected === "number") return "a number";
  if (zodExpected === "int") return "a whole number";
  return zodExpected;
}

function messageFor(issue: z.core.$ZodIssue, path: readonly PropertyKey[]): string {
  const field = fieldName(path);
  switch (issue.code) {
    case "invalid_type": {
      const wanted = expectation(path, issue.expected);
      if (issue.input === undefined) return `missing; expected ${wanted}`;
      if (typeof issue.input === "number") return `expected ${wanted}, got ${issue.input}`;
      return `expected ${wanted}, got ${kindOf(issue.input)}`;
    }
    case "invalid_union": {
      const wanted = expectation(path, "");
      if (issue.input === undefined) return `missing; expected ${wanted}`;
      if (field === "extract") return `expected one of {"regex": "…"} or {"json": "field.path"}, got ${quoted(issue.input)}`;
      if (Array.isArray(issue.input)) {
        const bad = issue.input.findIndex((item) => typeof item !== "string");
        if (bad >= 0) return `expected ${wanted}; item [${bad}] is ${kindOf(issue.input[bad])}`;
      }
      return `expected ${wanted}, got ${kindOf(issue.input)}`;
    }
    case "invalid_value": {
      if (field === "protocol") return `unknown protocol ${quoted(issue.input)}; known protocols: ${PROTOCOLS.join(", ")}`;
      if (field === "split") return `unknown split ${quoted(issue.input)}; valid splits: ${SPLITS.join(", ")}`;
      if (field === "role") return `unknown role ${quoted(issue.input)}; a message's role is one of ${CHAT_ROLES.join(", ")}`;
      if (field === "targetFormat") return `unknown target format ${quoted(issue.input)}; it is "chat" or "completion"`;
      if (field === "version")
        return typeof issue.input === "number"
          ? `unsupported version ${issue.input}; this ape reads version 1`
          : `expected the number 1, got ${quoted(issue.input)}`;
      return `unexpected value ${quoted(issue.input)}`;
    }
    case "too_big":
      if (issue.origin === "string") return tooLong(typeof issue.input === "string" ? issue.input.length : NaN, Number(issue.maximum));
      return `must be at most ${Number(issue.maximum)}`;
    case "too_small":
      if (issue.origin === "array") {
        if (field === "output") return "expected a string or a non-empty list of strings, got an empty list";
        if (field === "examples") return "no examples; a task needs at least 2 (1 demo, 1 eval)";
        return "must not be empty";
      }
      if (issue.origin === "string") return "must not be empty";
      return `must be at least ${Number(issue.minimum)}`;
    default:
      return issue.message;
  }
}
