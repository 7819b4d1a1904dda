/**
 * Checks an importer runs on what it read, before the source is merged into a task: every problem
 * is reported against the source file and the source's own key, line and field (never against
 * the task file about to be written, nor a position in the merged list of examples).
 */
import type { TaskIssue } from "../../errors.js";
import { tooLong } from "../issues.js";
import { NAME_CAP, TEXT_CAP } from "../schema.js";

/** A text read from a source, with where it sits there (`examples["12"].possible_translations[3]`). */
export type SourceText = readonly [path: string, text: string];

/** The texts of one source field holding a string or a list of strings, each with its path. */
export function fieldTexts(at: string, field: string, value: string | readonly string[]): SourceText[] {
  const path = `${at}.${field}`;
  return typeof value === "string" ? [[path, value]] : value.map((text, i): SourceText => [`${path}[${i}]`, text]);
}

/** Texts over the task format's cap (names: `NAME_CAP`; everything else: `TEXT_CAP`). */
export function textIssues(texts: Iterable<SourceText>, cap: number = TEXT_CAP): TaskIssue[] {
  const issues: TaskIssue[] = [];
  for (const [path, text] of texts) if (text.length > cap) issues.push({ path, message: tooLong(text.length, cap) });
  return issues;
}

/** Problems with a task name taken from a source field (`path`). */
export function nameIssues(path: string, name: string): TaskIssue[] {
  if (name.trim() === "") return [{ path, message: "must not be empty" }];
  return textIssues([[path, name]], NAME_CAP);
}

/** Each string once, in first-seen order. */
export function distinct(texts: Iterable<string>): string[] {
  return [...new Set(texts)];
}
