/** Reading a source file for an importer: text or parsed JSON, with errors that name the file. */
import { TaskError } from "../../errors.js";
import { readTextFile } from "../read-text.js";
import { parseJson } from "../json-syntax.js";

/** A JSON file's value, or a TaskError naming the file and the line:column of a syntax error. */
export async function readJson(file: string): Promise<unknown> {
  const parsed = parseJson(await readTextFile(file));
  if (parsed.ok) return parsed.value;
  const { line, column, message } = parsed.problem;
  throw new TaskError(file, [{ path: `${line}:${column}`, message: `not valid JSON: ${message}` }]);
}

/** A string from a source file; finite numbers are accepted and written as text. */
export function asText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** One output or a non-empty list of them, as strings; undefined if it is anything else. */
export function asOutputs(value: unknown): string[] | undefined {
  const one = asText(value);
  if (one !== undefined) return [one];
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const all = value.map(asText);
  return all.every((v): v is string => v !== undefined) ? all : undefined;
}
