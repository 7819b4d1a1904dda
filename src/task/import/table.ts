/**
 * Import examples from a CSV file (csv-parse; the first row names the columns) or a JSONL file
 * (one `{"input", "output"}` per line). Splits are left to the loader's defaults.
 */
import { basename, extname } from "node:path";
import { parse } from "csv-parse/sync";
import { TaskError, UsageError } from "../../errors.js";
import { parseJsonlTask } from "../parse.js";
import type { ExampleFile, TaskFile } from "../schema.js";
import type { MetricName } from "../types.js";
import { readTextFile } from "../read-text.js";
import { BLANK_OUTPUT } from "../validate.js";
import { textIssues, type SourceText } from "./check.js";
import { messageOf } from "../../caught.js";

/** Options shared by the CSV and JSONL importers. */
export interface TableImportOptions {
  /** @default the file name without its extension */
  readonly name?: string;
  /** @default "exact_match" */
  readonly metric?: MetricName;
}

/** Options for {@link importCsv}. */
export interface CsvImportOptions extends TableImportOptions {
  /** Column holding the input. @default "input" */
  readonly inputCol?: string;
  /** Column holding the output. @default "output" */
  readonly outputCol?: string;
}

function head(file: string, options: TableImportOptions): Pick<TaskFile, "version" | "name" | "metric"> {
  return { version: 1, name: options.name ?? basename(file, extname(file)), metric: options.metric ?? "exact_match" };
}

/** Read a CSV file as a task file, ready to write. */
export async function importCsv(file: string, options: CsvImportOptions = {}): Promise<TaskFile> {
  const text = await readTextFile(file);
  let rows: { info: { lines: number }; record: Record<string, unknown> }[];
  try {
    rows = parse(text, { columns: true, bom: true, info: true, skip_empty_lines: true, relax_column_count: false }) as typeof rows;
  } catch (error) {
    const message = messageOf(error);
    throw new TaskError(file, [{ path: "", message: `not valid CSV: ${message}` }], { cause: error });
  }
  if (rows.length === 0) throw new TaskError(file, [{ path: "", message: "no rows after the header; a task needs examples" }]);
  const inputCol = options.inputCol ?? "input";
  const outputCol = options.outputCol ?? "output";
  const columns = Object.keys(rows[0]?.record ?? {});
  for (const [flag, col] of [
    ["--input-col", inputCol],
    ["--output-col", outputCol],
  ] as const)
    if (!columns.includes(col)) throw new UsageError(`${file} has no column "${col}" (columns: ${columns.join(", ")}); choose one with ${flag}`);
  const examples: ExampleFile[] = [];
  const texts: SourceText[] = [];
  const blank: SourceText[] = [];
  for (const { info, record } of rows) {
    const input = String(record[inputCol] ?? "");
    const output = String(record[outputCol] ?? "");
    // csv-parse counts the line a record ends on; a quoted field may span lines.
    const line = info.lines - Object.values(record).join("").split("\n").length + 1;
    texts.push([`line ${line}: column ${JSON.stringify(inputCol)}`, input], [`line ${line}: column ${JSON.stringify(outputCol)}`, output]);
    if (output.trim() === "") blank.push([`line ${line}: column ${JSON.stringify(outputCol)}`, output]);
    examples.push({ input, output });
  }
  const issues = [...textIssues(texts), ...blank.map(([path]) => ({ path, message: BLANK_OUTPUT }))];
  if (issues.length > 0) throw new TaskError(file, issues);
  return { ...head(file, options), examples };
}

/** Read a JSONL file of examples (validated line by line) as a task file, ready to write. */
export async function importJsonl(file: string, options: TableImportOptions = {}): Promise<TaskFile> {
  const text = await readTextFile(file);
  // Validation names the line of each problem; the task itself is rebuilt from the lines below.
  parseJsonlTask(text, file);
  const examples: ExampleFile[] = text
    .replace(/^\uFEFF/, "")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as ExampleFile);
  return { ...head(file, options), examples };
}
