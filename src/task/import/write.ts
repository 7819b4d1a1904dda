/**
 * Writing imported tasks: each is formatted, validated exactly as `loadTask` would (so an importer
 * can never leave an invalid file behind), and written to `<out>/<name>.json`.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { TaskError, UsageError } from "../../errors.js";
import { formatTaskFile } from "../format.js";
import { parseTask } from "../parse.js";
import { exists, under } from "../paths.js";
import type { TaskFile } from "../schema.js";
import type { SplitName } from "../types.js";

/** What was written for one task. */
export interface WrittenTask {
  readonly file: string;
  readonly name: string;
  readonly counts: Readonly<Record<SplitName, number>>;
  readonly references: number;
}

/** Options for {@link writeTasks}. */
export interface WriteOptions {
  /** Replace files that already exist. @default false */
  readonly force?: boolean;
  /**
   * The file or folder the tasks were imported from. A problem only the whole task shows (a split
   * left empty) is reported against it, not against the file that was about to be written.
   */
  readonly source?: string;
}

/** A task name that is safe as a file name: letters, digits, `_`, `-`, `.`. */
export function safeName(name: string): string {
  const cleaned = name
    .trim()
    .replace(/[^A-Za-z0-9_.-]+/g, "_")
    .replace(/^[._]+|_+$/g, "");
  return cleaned.slice(0, 120) || "task";
}

/** Validate every task, then write them all; nothing is written if any is invalid or would overwrite. */
export async function writeTasks(tasks: readonly TaskFile[], outDir: string, options: WriteOptions = {}): Promise<WrittenTask[]> {
  const planned = tasks.map((task) => {
    const file = under(outDir, `${safeName(task.name)}.json`);
    const text = formatTaskFile(task);
    try {
      return { file, text, loaded: parseTask(text, file) };
    } catch (error) {
      if (error instanceof TaskError && options.source !== undefined) throw new TaskError(options.source, error.issues, { cause: error });
      throw error;
    }
  });
  const names = new Set<string>();
  for (const { file } of planned) {
    if (names.has(file)) throw new UsageError(`two imported tasks would both be written to ${file}; give them different names`);
    names.add(file);
    if (!options.force && (await exists(file))) throw new UsageError(`${file} already exists; pass --force to replace it`);
  }
  await mkdir(outDir, { recursive: true });
  const written: WrittenTask[] = [];
  for (const { file, text, loaded } of planned) {
    await writeFile(file, text);
    const s = loaded.splits;
    written.push({
      file,
      name: loaded.name,
      counts: { demo: s.demo.length, eval: s.eval.length, test: s.test.length },
      references: loaded.references.length,
    });
  }
  return written;
}
