/**
 * Error messages that name settings and say how to continue a run, for two readers. The library
 * names its options (`baseUrls`, `budget.maxCalls`) and its calls (`search({ …, runId })`); the CLI
 * renders the same message with its flags (`--base-url`, `--max-calls`) and commands (`ape resume
 * ID --db FILE`). A message is a list of parts: text, and references that each reader names its way.
 */
import { isList } from "./narrow.js";

/**
 * The library options a message may name, as keys: the others here, and the plain settings, which
 * the option table (`options/table.ts`) adds to this interface itself, so that this leaf, which
 * every error imports, does not import the table (and through it the registries).
 */
export interface OptionNames {
  baseUrls: true;
  apiKey: true;
  "budget.maxCalls": true;
  "budget.maxTokens": true;
  "budget.maxCostUsd": true;
  prices: true;
  parallel: true;
  tasks: true;
  protocol: true;
  metric: true;
  judgeModel: true;
}

/** Library options a message may name: the plain settings of the option table and the others. */
export type OptionName = keyof OptionNames;

/** A setting named in a message, with the value to give it when the message suggests one. */
export interface OptionRef {
  readonly option: OptionName;
  readonly value?: string | number;
}

/** How to continue a stopped run or suite stored in the database file `db`. */
export interface ResumeRef {
  readonly resume: string;
  readonly kind: "run" | "suite";
  readonly db: string;
}

/** One piece of a message. */
export type Part = string | OptionRef | ResumeRef;
/** A message: its parts in order. */
export type Message = readonly Part[];

/** Names what a message refers to, for one reader. */
export interface Naming {
  readonly option: (ref: OptionRef) => string;
  readonly resume: (ref: ResumeRef) => string;
}

/** The library's names: option keys, `key: "value"`, and the call that continues a run. */
export const LIBRARY_NAMING: Naming = {
  option: (ref) => (ref.value === undefined ? ref.option : `${ref.option}: ${JSON.stringify(ref.value)}`),
  resume: (ref) =>
    ref.kind === "run" ? `\`search()\` with the same options and runId "${ref.resume}"` : `\`suite()\` with the same options and suiteId "${ref.resume}"`,
};

/** A reference to a setting (and the value to give it). */
export function option(name: OptionName, value?: string | number): OptionRef {
  return value === undefined ? { option: name } : { option: name, value };
}

/** A reference to continuing run or suite `id` of the database file `db`. */
export function resumeRef(id: string, kind: ResumeRef["kind"], db: string): ResumeRef {
  return { resume: id, kind, db };
}

/** Build a message from a template: interpolated parts and messages keep their references, anything else becomes text. */
export function say(strings: TemplateStringsArray, ...values: readonly (string | number | Part | Message)[]): Message {
  const out: Part[] = [];
  strings.forEach((text, i) => {
    if (text) out.push(text);
    if (i >= values.length) return;
    const value = values[i];
    if (isList(value)) out.push(...value);
    else if (typeof value === "number") out.push(String(value));
    else if (value !== undefined) out.push(value);
  });
  return out;
}

/** The message as `naming` reads it. */
export function render(message: Message, naming: Naming = LIBRARY_NAMING): string {
  return message.map((p) => (typeof p === "string" ? p : "option" in p ? naming.option(p) : naming.resume(p))).join("");
}

/** Each text part passed through `f` (references are left as they are). */
export function mapText(message: Message, f: (text: string) => string): Message {
  return message.map((p) => (typeof p === "string" ? f(p) : p));
}
