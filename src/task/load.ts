/** Reading a task from disk. Reads only; never writes. */
import { readFile, stat } from "node:fs/promises";
import { TaskError } from "../errors.js";
import { parseTask } from "./parse.js";
import type { Task } from "./types.js";
import type { TaskOptions } from "./validate.js";

/** Largest task file read, in bytes; bigger files are refused before parsing. */
export const FILE_CAP = 256 * 1024 * 1024;

/**
 * Load and validate a task file (`.json`, format v1) or a file of examples (`.jsonl`).
 * @throws TaskError when the file cannot be read or is not a valid task.
 */
export async function loadTask(file: string, options: TaskOptions = {}): Promise<Task> {
  let text: string;
  try {
    if ((await stat(file)).size > FILE_CAP)
      throw new TaskError(file, [{ path: "", message: `file too large (over ${FILE_CAP} bytes)` }]);
    text = await readFile(file, "utf8");
  } catch (error) {
    if (error instanceof TaskError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a file" : (error as Error).message;
    throw new TaskError(file, [{ path: "", message: `cannot read: ${why}` }], { cause: error });
  }
  return parseTask(text, file, options);
}
